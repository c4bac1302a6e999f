namespace FilePipeline.Cli.Upload;

/// <summary>One local file and the object key it becomes.</summary>
public sealed record UploadItem(string Path, string Key, long Size);
