namespace FilePipeline.Processor.Events;

/// <summary>One S3 object change, whatever envelope it arrived in. <see cref="Key"/> is decoded.</summary>
public sealed record ObjectEvent(
    string EventName,
    DateTimeOffset? EventTime,
    string Bucket,
    string Key,
    long? Size,
    string? ETag,
    string? VersionId,
    string? Sequencer)
{
    /// <summary>Removed by a request (<c>ObjectRemoved:*</c>) or by a lifecycle rule (<c>LifecycleExpiration:*</c>).</summary>
    public bool IsRemoved =>
        EventName.StartsWith("ObjectRemoved", StringComparison.Ordinal)
        || EventName.StartsWith("LifecycleExpiration", StringComparison.Ordinal);

    public bool IsCreated => EventName.StartsWith("ObjectCreated", StringComparison.Ordinal);

    /// <summary>Created or removed: the only events that can change a record (the others are logged and skipped).</summary>
    public bool ChangesRecord => IsCreated || IsRemoved;
}
