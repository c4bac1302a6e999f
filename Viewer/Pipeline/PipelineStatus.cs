namespace FilePipeline.Viewer.Pipeline;

/// <summary>
/// The pipeline at a glance: the queues (null with <see cref="QueueError"/> when they cannot be read),
/// records by status, and records processed per minute over the last minutes.
/// </summary>
public sealed record PipelineStatus(
    QueueStats? Queues,
    string? QueueError,
    IReadOnlyDictionary<string, long> RecordsByStatus,
    IReadOnlyList<ThroughputPoint> Throughput);
