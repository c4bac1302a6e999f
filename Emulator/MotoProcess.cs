using System.Diagnostics;

namespace FilePipeline.Emulator;

/// <summary>One <c>moto_server</c> child process and the tail of what it printed.</summary>
internal sealed class MotoProcess : IDisposable
{
    private const int TailLines = 40;

    private readonly Process _process;
    private readonly Queue<string> _tail = new();

    private MotoProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts moto_server bound to this process's life (see <see cref="ChildProcessLauncher"/>).</summary>
    public static async Task<MotoProcess> StartAsync(string executable, int port)
    {
        var info = ChildProcessLauncher.StartInfo(
            executable, ["-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        var process = new Process { StartInfo = info };
        var moto = new MotoProcess(process);
        process.OutputDataReceived += (_, e) => moto.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => moto.Remember(e.Data);
        await ChildProcessLauncher.Shared.StartAsync(process);
        return moto;
    }

    public string OutputTail()
    {
        lock (_tail)
        {
            return string.Join(Environment.NewLine, _tail);
        }
    }

    /// <summary>Stops exactly the process this object started (and its children), politely first.</summary>
    public async Task StopAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(timeout.Token);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            _process.Dispose();
        }
    }

    public void Dispose() => _process.Dispose();

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_tail)
        {
            _tail.Enqueue(line);
            while (_tail.Count > TailLines)
            {
                _tail.Dequeue();
            }
        }
    }
}
