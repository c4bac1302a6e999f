using FilePipeline.AppHost.Orchestration;

namespace FilePipeline.Tests.AppHost;

public sealed class RestartBackoffTests
{
    private static readonly RestartBackoff Backoff =
        new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));

    [Fact]
    public void Delay_doubles_with_each_consecutive_crash_up_to_the_maximum()
    {
        Assert.Equal(
            [1, 2, 4, 8, 16, 30, 30],
            Enumerable.Range(1, 7).Select(crash => Backoff.Delay(crash).TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(30), Backoff.Delay(1000));
    }

    [Fact]
    public void A_crash_after_a_stable_run_starts_the_backoff_again()
    {
        Assert.Equal(5, Backoff.NextCrashCount(4, TimeSpan.FromSeconds(3)));
        Assert.Equal(1, Backoff.NextCrashCount(4, TimeSpan.FromSeconds(61)));
    }
}
