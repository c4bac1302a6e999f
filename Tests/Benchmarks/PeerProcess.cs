using System.Diagnostics;
using FilePipeline.Provisioning;

namespace FilePipeline.Benchmarks;

/// <summary>
/// The boto3 handler (peer/boto3_handler.py) as a child process in the worker's place: the same environment rules
/// (<see cref="WorkerProcess"/>), ready once it prints "ready". <see cref="CheckAsync"/> says clearly when python3 or
/// boto3 is missing.
/// </summary>
internal static class PeerProcess
{
    private const string Script = "Tests/Benchmarks/peer/boto3_handler.py";

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

    public static async Task<WorkerProcess> StartReadyAsync(IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var root = LambdaPackage.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException($"cannot find the repository (for {Script}) above {AppContext.BaseDirectory}");
        var peer = WorkerProcess.Start("python3", [Path.Combine(root, Script)], environment, readyLine: "ready");
        try
        {
            await peer.WaitReadyAsync(TimeSpan.FromMinutes(1), cancellationToken);
            return peer;
        }
        catch
        {
            await peer.DisposeAsync();
            throw;
        }
    }
}
