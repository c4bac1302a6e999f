namespace FilePipeline.Processor.Handling;

/// <summary>
/// The object (or its record) kept changing while it was being synced, round after round: the message fails and
/// the queue retries it later, when the next attempt syncs against whatever S3 then holds.
/// </summary>
public sealed class ObjectChangedException(string bucket, string key, int rounds)
    : Exception($"s3://{bucket}/{key} kept changing while it was being synced ({rounds} rounds); the message will be retried.");
