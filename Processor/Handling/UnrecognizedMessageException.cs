namespace FilePipeline.Processor.Handling;

/// <summary>A message that is not an S3 event: it fails (and so ends in the dead-letter queue), it never crashes.</summary>
public sealed class UnrecognizedMessageException(string reason) : Exception($"Not an S3 event: {reason}")
{
    public string Reason { get; } = reason;
}
