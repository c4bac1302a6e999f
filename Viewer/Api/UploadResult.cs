namespace FilePipeline.Viewer.Api;

/// <summary>One stored upload: where it went and the trace context stored with it.</summary>
public sealed record UploadResult(string Bucket, string Key, long Size, string? ETag, string TraceParent);
