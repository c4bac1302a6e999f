namespace FilePipeline.Viewer.Api;

/// <summary>A page of the records list; pass <see cref="NextPageToken"/> back as <c>pageToken</c> for the next one.</summary>
public sealed record RecordList(IReadOnlyList<RecordSummary> Records, string? NextPageToken);
