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
    public bool IsRemoved => EventName.StartsWith("ObjectRemoved", StringComparison.Ordinal);

    public bool IsCreated => EventName.StartsWith("ObjectCreated", StringComparison.Ordinal);
}
