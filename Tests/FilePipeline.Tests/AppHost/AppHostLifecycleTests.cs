using FilePipeline.AppHost;

namespace FilePipeline.Tests.AppHost;

/// <summary>
/// The real AppHost process: it starts moto_server and the services, and whatever stops it (SIGTERM,
/// Ctrl+C's SIGINT, or SIGKILL) leaves none of them running.
/// </summary>
public sealed class AppHostLifecycleTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    [InlineData("KILL")]
    public async Task Stopping_the_AppHost_leaves_no_child_running(string signal)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = AppHostProcess.Start(["--processors", "1"]);
        // Every child started is enough: whether or not they are healthy yet, none may outlive the AppHost.
        await host.Output.WaitForLineAsync(line => line.Contains("started viewer (pid", StringComparison.Ordinal), StartTimeout, ct);
        await host.Output.WaitForLineAsync(line => line.Contains("started processor-1 (pid", StringComparison.Ordinal), StartTimeout, ct);
        var children = ProcessTable.StartedPids(host.Output.Lines);
        Assert.Equal(["moto_server", "processor-1", "viewer"], children.Keys.Order());
        Assert.All(children.Values, pid => Assert.True(ProcessTable.IsRunning(pid)));

        host.Signal(signal);
        await host.WaitForExitAsync(StopTimeout, ct);

        var left = await ProcessTable.WaitUntilGoneAsync(children.Values, StopTimeout, ct);
        Assert.True(left.Length == 0, $"still running after SIG{signal}: {string.Join(", ", children.Where(c => left.Contains(c.Value)).Select(c => $"{c.Key} ({c.Value})"))}");
        if (signal != "KILL")
        {
            Assert.Contains(host.Output.Lines, line => line.EndsWith("all resources stopped", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Bad_arguments_exit_with_a_usage_error()
    {
        var ct = TestContext.Current.CancellationToken;
        var (exitCode, output) = await AppHostProcess.RunAsync(["--processors", "0"], StopTimeout, ct);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains(output, line => line.Contains("--processors must be between 1 and 32", StringComparison.Ordinal));
    }
}
