namespace FilePipeline.Processor.Worker;

/// <summary>
/// Visibility timeout for a failed message: <c>base × 2^(receives − 1)</c>, capped, with "equal jitter" (half fixed,
/// half random) so that messages failing together do not come back together.
/// </summary>
public sealed class RetryBackoff(TimeSpan baseDelay, TimeSpan maxDelay, Func<double> random)
{
    /// <summary>SQS accepts visibility timeouts up to 12 hours.</summary>
    public const int MaxVisibilitySeconds = 43_200;

    public int VisibilitySeconds(int receiveCount)
    {
        var exponent = Math.Clamp(receiveCount - 1, 0, 30);
        var capped = Math.Min(baseDelay.TotalSeconds * Math.Pow(2, exponent), Math.Min(maxDelay.TotalSeconds, MaxVisibilitySeconds));
        var jittered = (capped / 2) + (random() * capped / 2);
        return (int)Math.Clamp(Math.Round(jittered), 0, MaxVisibilitySeconds);
    }
}
