namespace FilePipeline.Cli.Upload;

/// <summary>What an upload did: how many files made it, which did not and why.</summary>
public sealed record UploadResult(
    int Uploaded, IReadOnlyList<(UploadItem Item, string Error)> Failed, long Bytes, TimeSpan Elapsed);
