using System.Diagnostics;
using FilePipeline.AppHost.Orchestration;

namespace FilePipeline.Tests.AppHost;

/// <summary>The supervisor with a tiny child program (<c>sh</c>) in place of a service.</summary>
public sealed class SupervisedProcessTests
{
    private static readonly RestartBackoff FastBackoff =
        new(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(60));

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Child_output_is_prefixed_with_its_resource_name()
    {
        var ct = TestContext.Current.CancellationToken;
        var (child, output) = Supervise("worker-a", "echo hello from the child; echo 'second line' >&2; exec sleep 60");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var run = child.RunAsync(stop.Token);

        await output.WaitForLineAsync(line => line == "worker-a | hello from the child", Wait, ct);
        await output.WaitForLineAsync(line => line == "worker-a | second line", Wait, ct);

        await stop.CancelAsync();
        await run.WaitAsync(Wait, ct);
    }

    [Fact]
    public async Task Crashed_child_is_reported_and_restarted_with_backoff()
    {
        var ct = TestContext.Current.CancellationToken;
        var (child, output) = Supervise("crasher", "echo run $$; exit 3");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var run = child.RunAsync(stop.Token);

        await output.WaitForLineAsync(line => line.Contains("restart 3 in", StringComparison.Ordinal), Wait, ct);
        await stop.CancelAsync();
        await run.WaitAsync(Wait, ct);

        var crashes = output.Lines.Where(line => line.Contains("crasher (pid", StringComparison.Ordinal) && line.Contains("exited with code 3", StringComparison.Ordinal)).ToList();
        Assert.True(crashes.Count >= 3, string.Join('\n', output.Lines));
        Assert.Contains(crashes, line => line.EndsWith("restart 1 in 0.1 s", StringComparison.Ordinal));
        Assert.Contains(crashes, line => line.EndsWith("restart 2 in 0.2 s", StringComparison.Ordinal));
        Assert.Contains(crashes, line => line.EndsWith("restart 3 in 0.4 s", StringComparison.Ordinal));
        Assert.True(output.Lines.Count(line => line.StartsWith("crasher | run ", StringComparison.Ordinal)) >= 3);
    }

    [Fact]
    public async Task Child_killed_with_SIGKILL_is_restarted_as_a_new_process()
    {
        var ct = TestContext.Current.CancellationToken;
        var (child, output) = Supervise("victim", "echo up; exec sleep 60");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var run = child.RunAsync(stop.Token);
        await output.WaitForLineAsync(line => line == "victim | up", Wait, ct);
        var first = child.ProcessId!.Value;

        ProcessTable.Signal(first, "KILL");

        await output.WaitForLineAsync(line => line.Contains($"victim (pid {first}) exited with code 137 (killed: SIGKILL)", StringComparison.Ordinal), Wait, ct);
        await WaitUntilAsync(() => child.ProcessId is { } pid && pid != first, ct);
        Assert.Equal(1, child.Restarts);
        var second = child.ProcessId!.Value;

        await stop.CancelAsync();
        await run.WaitAsync(Wait, ct);
        Assert.Empty(await ProcessTable.WaitUntilGoneAsync([first, second], Wait, ct));
    }

    [Fact]
    public async Task Stop_asks_with_SIGTERM_first()
    {
        var ct = TestContext.Current.CancellationToken;
        var (child, output) = Supervise("polite", "trap 'echo got TERM; exit 0' TERM; echo up; while true; do sleep 0.1; done");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var run = child.RunAsync(stop.Token);
        await output.WaitForLineAsync(line => line == "polite | up", Wait, ct);
        var pid = child.ProcessId!.Value;

        await stop.CancelAsync();
        await run.WaitAsync(Wait, ct);

        Assert.Contains("polite | got TERM", output.Lines);
        Assert.False(ProcessTable.IsRunning(pid));
        Assert.DoesNotContain(output.Lines, line => line.Contains("killing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Child_that_ignores_SIGTERM_is_killed_after_the_grace_period()
    {
        var ct = TestContext.Current.CancellationToken;
        var (child, output) = Supervise("stubborn", "trap '' TERM; echo up; while true; do sleep 0.1; done", stopGrace: TimeSpan.FromSeconds(1));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var run = child.RunAsync(stop.Token);
        await output.WaitForLineAsync(line => line == "stubborn | up", Wait, ct);
        var pid = child.ProcessId!.Value;

        var stopping = Stopwatch.StartNew();
        await stop.CancelAsync();
        await run.WaitAsync(Wait, ct);

        Assert.Contains(output.Lines, line => line.Contains($"stubborn (pid {pid}) did not stop within 1 s; killing it", StringComparison.Ordinal));
        Assert.True(stopping.Elapsed >= TimeSpan.FromSeconds(1));
        Assert.False(ProcessTable.IsRunning(pid));
    }

    private static (SupervisedProcess Child, LineCollector Output) Supervise(string name, string script, TimeSpan? stopGrace = null)
    {
        var output = new LineCollector();
        var logs = new LogMultiplexer(output, color: false);
        logs.Register(name);
        var logger = new MultiplexedLogger(logs, "apphost");
        var spec = new ChildSpec(name, "/bin/sh", ["-c", script], new Dictionary<string, string>());
        return (new SupervisedProcess(spec, logs, logger, FastBackoff, stopGrace ?? TimeSpan.FromSeconds(10)), output);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < Wait, "condition not met in time");
            await Task.Delay(50, cancellationToken);
        }
    }
}
