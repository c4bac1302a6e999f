namespace FilePipeline.FileRecords;

/// <summary>
/// One metadata record per S3 object: what the object is, what happened to it, and how we know.
/// Table design: see <see cref="RecordTable"/>.
/// </summary>
public sealed record FileRecord
{
    public required string Bucket { get; init; }

    public required string Key { get; init; }

    public required RecordStatus Status { get; init; }

    /// <summary>Why the record has its status (rejections, missing objects, failures).</summary>
    public string? Reason { get; init; }

    public long? Size { get; init; }

    /// <summary>The Content-Type the uploader declared.</summary>
    public string? DeclaredContentType { get; init; }

    /// <summary>The type found by sniffing the content (magic bytes), as a media type.</summary>
    public string? DetectedType { get; init; }

    public string? ETag { get; init; }

    /// <summary>Lower-case hex SHA-256 of the whole object.</summary>
    public string? Sha256 { get; init; }

    public string? VersionId { get; init; }

    /// <summary>S3's per-key event sequencer (hex), when the event carried one.</summary>
    public string? Sequencer { get; init; }

    public required string EventName { get; init; }

    public DateTimeOffset? EventTime { get; init; }

    public DateTimeOffset? LastModified { get; init; }

    /// <summary>Text statistics, for text objects only.</summary>
    public long? WordCount { get; init; }

    public long? LineCount { get; init; }

    /// <summary>First 500 characters of a text object.</summary>
    public string? Preview { get; init; }

    /// <summary>Detected text encoding (e.g. <c>utf-8</c>, <c>utf-16le</c>).</summary>
    public string? TextEncoding { get; init; }

    public int? ImageWidth { get; init; }

    public int? ImageHeight { get; init; }

    /// <summary>When the processor took the message off the queue.</summary>
    public DateTimeOffset? ReceivedAt { get; init; }

    public required DateTimeOffset ProcessedAt { get; init; }

    public double? DurationMs { get; init; }

    /// <summary>How many times the message had been received when this record was written.</summary>
    public int Attempts { get; init; }

    /// <summary>W3C trace id (32 hex characters) of the processing trace.</summary>
    public string? TraceId { get; init; }

    /// <summary>The SQS message id that produced this version of the record.</summary>
    public string? MessageId { get; init; }
}
