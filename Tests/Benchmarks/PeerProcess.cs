using System.Diagnostics;
using System.Text;
using FilePipeline.Provisioning;

namespace FilePipeline.Benchmarks;

/// <summary>
/// The boto3 handler (peer/boto3_handler.py) as a child process, configured like the worker; ready once it prints
/// "ready". <see cref="CheckAsync"/> says clearly when python3 or boto3 is missing.
/// </summary>
internal sealed class PeerProcess : IAsyncDisposable
{
    private const string Script = "Tests/Benchmarks/peer/boto3_handler.py";

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PeerProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public Task Exited => _process.WaitForExitAsync(CancellationToken.None);

    /// <summary>Fails with what to install when <c>python3 -c "import boto3"</c> does not run.</summary>
    public static async Task CheckAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("import boto3, botocore; print(boto3.__version__)");
        Process? check;
        try
        {
            check = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException($"the peer section runs a boto3 handler, and python3 could not be started ({exception.Message}): install Python 3 and `pip install boto3`", exception);
        }

        using var process = check ?? throw new InvalidOperationException("python3 could not be started");
        var version = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"the peer section runs a boto3 handler, and python3 cannot import boto3: `pip install boto3` ({error.Trim()})");
        }

        Report.Line($"peer: python3 with boto3 {version.Trim()}");
    }

    public static async Task<PeerProcess> StartReadyAsync(IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var root = LambdaPackage.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException($"cannot find the repository (for {Script}) above {AppContext.BaseDirectory}");
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetTempPath() };
        start.ArgumentList.Add(Path.Combine(root, Script));
        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var peer = new PeerProcess(Process.Start(start) ?? throw new InvalidOperationException("could not start the boto3 handler"));
        peer._process.OutputDataReceived += (_, e) => peer.Append(e.Data);
        peer._process.ErrorDataReceived += (_, e) => peer.Append(e.Data);
        peer._process.BeginOutputReadLine();
        peer._process.BeginErrorReadLine();
        try
        {
            await Task.WhenAny(peer._ready.Task, peer.Exited).WaitAsync(TimeSpan.FromMinutes(1), cancellationToken);
        }
        catch (TimeoutException)
        {
            await peer.DisposeAsync();
            throw new TimeoutException($"the boto3 handler was not ready within 60 s; its output: {peer.Output}");
        }

        if (!peer._ready.Task.IsCompleted)
        {
            await peer.DisposeAsync();
            throw new InvalidOperationException($"the boto3 handler exited before it was ready; its output: {peer.Output}");
        }

        return peer;
    }

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

        if (line == "ready")
        {
            _ready.TrySetResult();
        }

        lock (_output)
        {
            if (_output.Length < 64 * 1024)
            {
                _output.AppendLine(line);
            }
        }
    }
}
