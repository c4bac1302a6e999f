namespace FilePipeline.Processor.Handling;

/// <summary>
/// A message the pipeline does not accept (not an S3 event, or an event for a bucket it does not own): it fails
/// (and so ends in the dead-letter queue), it never crashes.
/// </summary>
public sealed class UnrecognizedMessageException(string reason) : Exception($"Unrecognized message: {reason}")
{
    public string Reason { get; } = reason;
}
