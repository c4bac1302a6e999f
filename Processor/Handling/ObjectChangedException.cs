namespace FilePipeline.Processor.Handling;

/// <summary>The object changed between HeadObject and GetObject: retry, the next attempt reads the new version.</summary>
public sealed class ObjectChangedException(string bucket, string key)
    : Exception($"s3://{bucket}/{key} changed while it was being read.");
