using System.Diagnostics;
using System.Text;

namespace FilePipeline.Testing;

/// <summary>
/// The real queue worker as its own process (<c>dotnet FilePipeline.Processor.dll</c>, configured only through the
/// environment given, as the AppHost configures it: nothing of the caller's own <c>OTEL_*</c> or <c>AWS_*</c> settings
/// leaks in); the process tree is killed on dispose. Shared by the tests and the benchmarks.
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _readyLine;

    private WorkerProcess(Process process, string readyLine)
    {
        _process = process;
        _readyLine = readyLine;
    }

    public int Id => _process.Id;

    /// <summary>Completes when the process exits.</summary>
    public Task Exited => _process.WaitForExitAsync(CancellationToken.None);

    /// <summary>The processor next to the calling assembly (a project reference copies it).</summary>
    public static string ProcessorDll => Path.Combine(AppContext.BaseDirectory, "FilePipeline.Processor.dll");

    /// <summary>The worker; <paramref name="processorDll"/> runs another build's processor in its place (the benchmarks' <c>--worker</c>).</summary>
    public static WorkerProcess Start(IReadOnlyDictionary<string, string> environment, string? processorDll = null) =>
        Start(DotnetHost.Path, [processorDll ?? ProcessorDll], environment, "Worker ready:");

    /// <summary>
    /// Another program in the worker's place (the benchmarks' boto3 handler), under the same environment rules; it is
    /// ready at its first output line that contains <paramref name="readyLine"/>.
    /// </summary>
    public static WorkerProcess Start(string fileName, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string readyLine)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("OTEL_", StringComparison.Ordinal) || name.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the worker");
        var worker = new WorkerProcess(process, readyLine);
        process.OutputDataReceived += (_, e) => worker.Append(e.Data);
        process.ErrorDataReceived += (_, e) => worker.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Starts <paramref name="count"/> workers and returns once every one has logged that its pollers run.</summary>
    public static async Task<List<WorkerProcess>> StartReadyAsync(int count, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken, string? processorDll = null)
    {
        var workers = Enumerable.Range(0, count).Select(_ => Start(environment, processorDll)).ToList();
        try
        {
            await Task.WhenAll(workers.Select(worker => worker.WaitReadyAsync(TimeSpan.FromMinutes(2), cancellationToken)));
            return workers;
        }
        catch
        {
            await Task.WhenAll(workers.Select(worker => worker.DisposeAsync().AsTask()));
            throw;
        }
    }

    /// <summary>Waits for the worker's "Worker ready" log line.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var exited = _process.WaitForExitAsync(cancellationToken);
        try
        {
            await Task.WhenAny(_ready.Task, exited).WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the worker was not ready within {timeout.TotalSeconds:0} s; its output: {Output}");
        }

        if (!_ready.Task.IsCompleted)
        {
            throw new InvalidOperationException($"the worker exited before it was ready; its output: {Output}");
        }
    }

    /// <summary>stdout and stderr so far (the start and a bounded tail), for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.Contains(_readyLine, StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }

        lock (_output)
        {
            // Keep the start and a bounded tail: a worker logs a line or two per record.
            if (_output.Length > 64 * 1024)
            {
                _output.Remove(8 * 1024, 16 * 1024);
            }

            _output.AppendLine(line);
        }
    }
}
