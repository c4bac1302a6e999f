namespace FilePipeline.AppHost.Orchestration;

/// <summary>
/// How long to wait before restarting a child that exited: doubles with each consecutive crash up to
/// <paramref name="Maximum"/>, and starts again from <paramref name="Initial"/> once a child has run for
/// <paramref name="StableAfter"/> (a crash after a long healthy run is not a crash loop).
/// </summary>
public sealed record RestartBackoff(TimeSpan Initial, TimeSpan Maximum, TimeSpan StableAfter)
{
    public static RestartBackoff Default { get; } =
        new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));

    /// <summary>The delay before restart number <paramref name="consecutiveCrashes"/> (1 = the first).</summary>
    public TimeSpan Delay(int consecutiveCrashes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(consecutiveCrashes, 1);
        var factor = Math.Pow(2, Math.Min(consecutiveCrashes - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(Initial.Ticks * factor, Maximum.Ticks));
        return delay < Maximum ? delay : Maximum;
    }

    /// <summary>The crash count after a child that ran for <paramref name="ranFor"/> exited.</summary>
    public int NextCrashCount(int consecutiveCrashes, TimeSpan ranFor) =>
        ranFor >= StableAfter ? 1 : consecutiveCrashes + 1;
}
