using System.ComponentModel.DataAnnotations;

namespace FilePipeline.Processor;

/// <summary>The processor's own settings (configuration section <c>Processor</c>).</summary>
public sealed class ProcessorOptions
{
    public const string Section = "Processor";

    public const long DefaultMaxDocumentBytes = 64L * 1024 * 1024;

    public const int DefaultDocumentTimeoutMilliseconds = 10_000;

    /// <summary>Objects larger than this are REJECTED without being read.</summary>
    [Range(0, long.MaxValue)]
    public long MaxObjectBytes { get; set; } = 5L * 1024 * 1024 * 1024;

    /// <summary>
    /// Detected types that are accepted, comma-separated media types or <c>type/*</c> patterns
    /// (<c>Processor__AllowedTypes=image/*,application/pdf</c>); empty accepts every type.
    /// </summary>
    public string? AllowedTypes { get; set; }

    /// <summary>REJECT an object whose declared type (Content-Type or extension) contradicts its content.</summary>
    public bool RejectTypeMismatch { get; set; } = true;

    /// <summary>
    /// Documents and images (PDF, Office Open XML, JPEG, PNG, GIF, WebP, TIFF, BMP, HEIC) up to this size are parsed
    /// for pages, words, properties and EXIF (spooled to a temporary file during the streaming pass); larger ones
    /// are PROCESSED with a note. 0 parses none. At most 4 GiB (Lambda's /tmp holds up to 10 GB).
    /// </summary>
    [Range(0, 4L * 1024 * 1024 * 1024)]
    public long MaxDocumentBytes { get; set; } = DefaultMaxDocumentBytes;

    /// <summary>How long one document or image may be parsed; past it the record gets a note instead.</summary>
    [Range(100, 300_000)]
    public int DocumentTimeoutMilliseconds { get; set; } = DefaultDocumentTimeoutMilliseconds;

    /// <summary>Messages of one batch handled at the same time.</summary>
    [Range(1, 64)]
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Long-polling loops of the worker.</summary>
    [Range(1, 32)]
    public int Pollers { get; set; } = 2;

    /// <summary>Long-poll wait of each ReceiveMessage call (SQS allows 0 to 20 seconds).</summary>
    [Range(0, 20)]
    public int WaitTimeSeconds { get; set; } = 20;

    /// <summary>Visibility timeout the worker keeps extending while it still handles a message.</summary>
    [Range(10, 43_200)]
    public int VisibilityTimeoutSeconds { get; set; } = 60;

    /// <summary>Base of the retry backoff: a failed message becomes visible again after about base × 2^(receives-1).</summary>
    [Range(0, 3_600)]
    public int RetryBaseSeconds { get; set; } = 2;

    /// <summary>Upper bound of the retry backoff.</summary>
    [Range(0, 43_200)]
    public int RetryMaxSeconds { get; set; } = 300;

    /// <summary>At most this many messages started per second by one worker process; 0 means no limit.</summary>
    [Range(0, 100_000)]
    public double MaxMessagesPerSecond { get; set; }

    /// <summary>The Lambda host stops handing out work this long before the invocation's deadline.</summary>
    [Range(0, 60_000)]
    public int DeadlineMarginMilliseconds { get; set; } = 500;

    /// <summary>
    /// The Lambda host exports buffered traces, metrics and logs after each invocation for at most this long (and
    /// never past the invocation's deadline); 0 skips the flush.
    /// </summary>
    [Range(0, 60_000)]
    public int TelemetryFlushMilliseconds { get; set; } = 2_000;

    /// <summary>The allow-list after splitting comma-separated entries.</summary>
    public IReadOnlyList<string> AllowedTypeList() =>
        AllowedTypes?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}
