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

    /// <summary>Words of a text object, a PDF or a Word document.</summary>
    public long? WordCount { get; init; }

    /// <summary>Lines, for text objects only.</summary>
    public long? LineCount { get; init; }

    /// <summary>First 500 characters of a text object, a PDF or a Word document.</summary>
    public string? Preview { get; init; }

    /// <summary>Detected text encoding (e.g. <c>utf-8</c>, <c>utf-16le</c>).</summary>
    public string? TextEncoding { get; init; }

    public int? ImageWidth { get; init; }

    public int? ImageHeight { get; init; }

    /// <summary>PDF pages, or the page count a Word document's properties record.</summary>
    public int? PageCount { get; init; }

    /// <summary>Document title (PDF information dictionary, Office core properties).</summary>
    public string? Title { get; init; }

    /// <summary>Document author (PDF Author, Office creator).</summary>
    public string? Author { get; init; }

    /// <summary>When the document says it was created.</summary>
    public DateTimeOffset? DocumentCreated { get; init; }

    /// <summary>Worksheets of an Excel workbook.</summary>
    public int? SheetCount { get; init; }

    /// <summary>Names of the first 100 worksheets, in workbook order.</summary>
    public IReadOnlyList<string>? SheetNames { get; init; }

    /// <summary>Slides of a PowerPoint presentation.</summary>
    public int? SlideCount { get; init; }

    /// <summary>An Office document in a macro-enabled form or carrying a VBA project.</summary>
    public bool? HasMacros { get; init; }

    /// <summary>EXIF camera make.</summary>
    public string? CameraMake { get; init; }

    /// <summary>EXIF camera model.</summary>
    public string? CameraModel { get; init; }

    /// <summary>EXIF DateTimeOriginal, ISO 8601 in the camera's local time (with the offset only when EXIF records it).</summary>
    public string? TakenAt { get; init; }

    /// <summary>EXIF orientation, 1 (upright) to 8.</summary>
    public int? Orientation { get; init; }

    /// <summary>Whether the image carries a GPS position; the coordinates themselves are never recorded.</summary>
    public bool? HasGps { get; init; }

    /// <summary>What could not be extracted from a document or image, and why (the record is still PROCESSED).</summary>
    public string? ExtractionNote { get; init; }

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
