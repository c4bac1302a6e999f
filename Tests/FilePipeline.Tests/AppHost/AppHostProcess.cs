using System.Diagnostics;
using FilePipeline.Tests.Emulator;

namespace FilePipeline.Tests.AppHost;

/// <summary>
/// A real program of the product, run as its own process (<c>dotnet FilePipeline.AppHost.dll ...</c>, or the
/// command line's dll through <see cref="Cli.CliProcess"/>), with its output kept.
/// </summary>
public sealed class AppHostProcess : IAsyncDisposable
{
    private readonly Process _process;

    private AppHostProcess(Process process) => _process = process;

    public LineCollector Output { get; } = new();

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static AppHostProcess Start(string assembly, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(DotnetHost.Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(assembly);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Remove("AWS_ENDPOINT_URL");
        info.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info };
        var host = new AppHostProcess(process);
        process.OutputDataReceived += (_, e) => host.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Runs the program in <paramref name="assembly"/> with <paramref name="arguments"/> to completion.</summary>
    public static async Task<(int ExitCode, IReadOnlyList<string> Output)> RunAsync(
        string assembly, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        await using var process = Start(assembly, arguments, environment);
        await process.WaitForExitAsync(timeout, cancellationToken);
        return (process.ExitCode, process.Output.Lines);
    }

    /// <summary>Runs the AppHost with <paramref name="arguments"/> to completion.</summary>
    public static Task<(int ExitCode, IReadOnlyList<string> Output)> RunAsync(
        IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null) =>
        RunAsync(typeof(FilePipeline.AppHost.PipelineSettings).Assembly.Location, arguments, timeout, cancellationToken, environment);

    public void Signal(string signal) => ProcessTable.Signal(_process.Id, signal);

    public async Task WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The AppHost did not exit within {timeout.TotalSeconds} s. Output:\n{string.Join('\n', Output.Lines.TakeLast(40))}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            Output.Add(line);
        }
    }
}
