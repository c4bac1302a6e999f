namespace FilePipeline.FileRecords;

/// <summary>
/// What a records list may be narrowed by. Every part is optional; <see cref="From"/> and <see cref="To"/>
/// bound the record's processing time (inclusive), <see cref="DetectedType"/> matches as a prefix
/// (<c>image/</c> finds every image), <see cref="KeyContains"/> is a case-sensitive substring of the key.
/// </summary>
public sealed record RecordFilter
{
    public static RecordFilter None { get; } = new();

    public RecordStatus? Status { get; init; }

    public string? DetectedType { get; init; }

    public string? KeyPrefix { get; init; }

    public string? KeyContains { get; init; }

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    public bool IsEmpty => this == None;
}
