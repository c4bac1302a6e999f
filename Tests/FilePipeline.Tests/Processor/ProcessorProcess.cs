using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using FilePipeline.Tests.AppHost;
using FilePipeline.Tests.Emulator;

namespace FilePipeline.Tests.Processor;

/// <summary>The real processor binary (<c>dotnet FilePipeline.Processor.dll</c>) as a child process, its output collected.</summary>
internal sealed class ProcessorProcess : IDisposable
{
    private readonly Process _process;

    private ProcessorProcess(Process process) => _process = process;

    public LineCollector Output { get; } = new();

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static ProcessorProcess Start(MotoFixture moto, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(DotnetHost.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "FilePipeline.Processor.dll"));
        foreach (var (name, value) in moto.Emulator.ClientEnvironment())
        {
            start.Environment[name] = value;
        }

        start.Environment["AWS_ACCESS_KEY_ID"] = "test";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "test";
        start.Environment["OTEL_SDK_DISABLED"] = "true";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var wrapper = new ProcessorProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { wrapper.Output.Add(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { wrapper.Output.Add(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return wrapper;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Sends SIGTERM, as a container runtime or the AppHost does.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken).WaitAsync(timeout, cancellationToken);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5_000);
        }

        _process.Dispose();
    }
}
