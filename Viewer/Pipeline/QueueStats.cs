namespace FilePipeline.Viewer.Pipeline;

/// <summary>Approximate queue figures, as SQS reports them.</summary>
public sealed record QueueStats(long Waiting, long InFlight, long Delayed, long DeadLetters);
