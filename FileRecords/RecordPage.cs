namespace FilePipeline.FileRecords;

/// <summary>One page of records, newest first, and the opaque token that continues after it (null at the end).</summary>
public sealed record RecordPage(IReadOnlyList<FileRecord> Records, string? NextPageToken);
