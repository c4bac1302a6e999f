using FilePipeline.FileRecords;

namespace FilePipeline.Viewer.Api;

/// <summary>Every field of one record, and the link to its trace when a dashboard is configured.</summary>
public sealed record RecordDetail(FileRecord Record, string? TraceUrl);
