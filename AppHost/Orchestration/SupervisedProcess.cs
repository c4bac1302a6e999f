using System.Diagnostics;
using FilePipeline.Emulator;
using Microsoft.Extensions.Logging;

namespace FilePipeline.AppHost.Orchestration;

/// <summary>
/// Keeps one child running: starts it, sends its output to the multiplexer, watches its health endpoint,
/// restarts it with backoff when it exits, and on stop sends SIGTERM, then kills it after a grace period.
/// Messages a crashed processor held are not lost: the queue redelivers them after their visibility timeout.
/// </summary>
public sealed class SupervisedProcess(
    ChildSpec spec, LogMultiplexer logs, ILogger logger, RestartBackoff backoff, TimeSpan stopGrace)
{
    private readonly TaskCompletionSource _healthy = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile Process? _current;

    public string Name => spec.Name;

    /// <summary>The pid of the running child, or null between runs.</summary>
    public int? ProcessId => _current is { } process ? SafeId(process) : null;

    /// <summary>How many times the child was restarted after exiting on its own.</summary>
    public int Restarts { get; private set; }

    /// <summary>Completes once the child has been healthy at least once (or has started, without a health URL).</summary>
    public Task Healthy => _healthy.Task;

    /// <summary>Runs the child until <paramref name="stopping"/> is cancelled, then stops it.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        var crashes = 0;
        while (!stopping.IsCancellationRequested)
        {
            var started = Stopwatch.StartNew();
            using var process = NewProcess();
            try
            {
                await ChildProcessLauncher.Shared.StartAsync(process);
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                Log.StartFailed(logger, e, spec.Name);
                crashes++;
                await DelayAsync(backoff.Delay(crashes), stopping);
                continue;
            }

            _current = process;
            var pid = process.Id;
            Log.Started(logger, spec.Name, pid);
            using var exited = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            var health = WatchHealthAsync(process, started, exited.Token);
            try
            {
                await process.WaitForExitAsync(stopping);
            }
            catch (OperationCanceledException)
            {
                await StopAsync(process, pid);
                return;
            }
            finally
            {
                await exited.CancelAsync();
                await health;
                _current = null;
            }

            if (stopping.IsCancellationRequested)
            {
                return; // It exited because the AppHost is stopping (Ctrl+C reaches the whole process group).
            }

            crashes = backoff.NextCrashCount(crashes, started.Elapsed);
            var delay = backoff.Delay(crashes);
            Restarts++;
            Log.Crashed(logger, spec.Name, pid, process.ExitCode, SignalName(process.ExitCode), Restarts, delay.TotalSeconds);
            await DelayAsync(delay, stopping);
        }
    }

    private Process NewProcess()
    {
        var process = new Process { StartInfo = ChildProcessLauncher.StartInfo(spec.FileName, spec.Arguments, spec.Environment), EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Forward(e.Data);
        process.ErrorDataReceived += (_, e) => Forward(e.Data);
        return process;
    }

    private void Forward(string? line)
    {
        if (line is not null)
        {
            logs.Write(spec.Name, line);
        }
    }

    private async Task WatchHealthAsync(Process process, Stopwatch started, CancellationToken cancellationToken)
    {
        if (spec.HealthUrl is null)
        {
            _healthy.TrySetResult();
            return;
        }

        var delay = TimeSpan.FromMilliseconds(100);
        try
        {
            while (!process.HasExited)
            {
                if (await HealthProbe.IsHealthyAsync(spec.HealthUrl, cancellationToken))
                {
                    Log.Healthy(logger, spec.Name, started.Elapsed.TotalSeconds);
                    _healthy.TrySetResult();
                    return;
                }

                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 1.5, 1000));
            }
        }
        catch (OperationCanceledException)
        {
            // The child exited or the AppHost is stopping.
        }
    }

    private async Task StopAsync(Process process, int pid)
    {
        if (process.HasExited)
        {
            return;
        }

        Log.Stopping(logger, spec.Name, pid);
        if (Signals.Terminate(process))
        {
            using var grace = new CancellationTokenSource(stopGrace);
            try
            {
                await process.WaitForExitAsync(grace.Token);
                return;
            }
            catch (OperationCanceledException)
            {
                Log.Killing(logger, spec.Name, pid, stopGrace.TotalSeconds);
            }
        }

        try
        {
            process.Kill(entireProcessTree: true);
            using var killed = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(killed.Token);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop condition ends the run.
        }
    }

    /// <summary>On Unix a child killed by a signal reports 128 + the signal number.</summary>
    private static string SignalName(int exitCode) => exitCode switch
    {
        137 => " (killed: SIGKILL)",
        143 => " (SIGTERM)",
        134 => " (aborted: SIGABRT)",
        139 => " (crashed: SIGSEGV)",
        130 => " (SIGINT)",
        _ => "",
    };

    private static int? SafeId(Process process)
    {
        try
        {
            return process.Id;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
