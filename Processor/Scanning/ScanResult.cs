namespace FilePipeline.Processor.Scanning;

/// <summary>What one streaming pass over an object found.</summary>
public sealed record ScanResult(
    long Size,
    string Sha256,
    string DetectedType,
    string? TextEncoding,
    long? WordCount,
    long? LineCount,
    string? Preview,
    int? ImageWidth,
    int? ImageHeight);
