using Microsoft.Extensions.Logging;

namespace FilePipeline.Processor;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Message {MessageId}: s3:TestEvent via {Source} acknowledged and dropped")]
    public static partial void TestEventDropped(ILogger logger, string messageId, string source);

    [LoggerMessage(2, LogLevel.Warning, "Message {MessageId}: not an S3 event ({Reason}; body {BodyLength} chars); it fails and will reach the dead-letter queue")]
    public static partial void NotAnS3Event(ILogger logger, string messageId, string reason, int bodyLength);

    [LoggerMessage(10, LogLevel.Warning, "Message {MessageId}: {EventName} for s3://{Bucket}/{Key}, a bucket the pipeline does not own (AWS:Resources:BucketName is {OwnBucket}); not processed, it fails and will reach the dead-letter queue")]
    public static partial void ForeignBucket(ILogger logger, string messageId, string eventName, string bucket, string key, string ownBucket);

    [LoggerMessage(3, LogLevel.Information, "Message {MessageId}: {EventName} for s3://{Bucket}/{Key} skipped: only ObjectCreated and ObjectRemoved events can change a record, so neither the object nor its record was read")]
    public static partial void UnsupportedEvent(ILogger logger, string messageId, string eventName, string bucket, string key);

    /// <summary>
    /// The line for a record just written, with only the parts it has: <c>PROCESSED as text/plain</c>,
    /// <c>REJECTED as application/pdf: ...reason</c>, <c>MISSING: ...reason</c>, <c>DELETED</c>; never an empty <c>(null)</c>.
    /// </summary>
    public static void RecordWritten(ILogger logger, string bucket, string key, string status, string? detectedType, string? reason, string messageId)
    {
        switch ((detectedType, reason))
        {
            case ({ } type, { } why):
                RecordWrittenAsBecause(logger, bucket, key, status, type, why, messageId);
                break;
            case ({ } type, null):
                RecordWrittenAs(logger, bucket, key, status, type, messageId);
                break;
            case (null, { } why):
                RecordWrittenBecause(logger, bucket, key, status, why, messageId);
                break;
            default:
                RecordWrittenPlain(logger, bucket, key, status, messageId);
                break;
        }
    }

    [LoggerMessage(4, LogLevel.Information, "Record s3://{Bucket}/{Key}: {Status} as {DetectedType} (message {MessageId})")]
    private static partial void RecordWrittenAs(ILogger logger, string bucket, string key, string status, string detectedType, string messageId);

    [LoggerMessage(11, LogLevel.Information, "Record s3://{Bucket}/{Key}: {Status} as {DetectedType}: {Reason} (message {MessageId})")]
    private static partial void RecordWrittenAsBecause(ILogger logger, string bucket, string key, string status, string detectedType, string reason, string messageId);

    [LoggerMessage(12, LogLevel.Information, "Record s3://{Bucket}/{Key}: {Status}: {Reason} (message {MessageId})")]
    private static partial void RecordWrittenBecause(ILogger logger, string bucket, string key, string status, string reason, string messageId);

    [LoggerMessage(13, LogLevel.Information, "Record s3://{Bucket}/{Key}: {Status} (message {MessageId})")]
    private static partial void RecordWrittenPlain(ILogger logger, string bucket, string key, string status, string messageId);

    [LoggerMessage(5, LogLevel.Information, "Message {MessageId}: {EventName} for s3://{Bucket}/{Key} skipped: the record (revision {Revision}) already describes the object's current version (ETag {ETag}, version {VersionId}), so the object was not read and nothing was written")]
    public static partial void RecordCurrent(ILogger logger, string messageId, string eventName, string bucket, string key, long revision, string? etag, string? versionId);

    [LoggerMessage(11, LogLevel.Information, "Message {MessageId}: {EventName} for s3://{Bucket}/{Key} skipped: the object no longer exists and the record (revision {Revision}) already says {Status}, so nothing was written")]
    public static partial void RecordAlreadyGone(ILogger logger, string messageId, string eventName, string bucket, string key, long revision, string status);

    [LoggerMessage(12, LogLevel.Information, "Message {MessageId}: s3://{Bucket}/{Key}: another handler wrote the record after this one read revision {Revision}; nothing written, syncing again (round {Round})")]
    public static partial void RecordRaced(ILogger logger, string messageId, string bucket, string key, long revision, int round);

    [LoggerMessage(13, LogLevel.Information, "Message {MessageId}: s3://{Bucket}/{Key}: the object changed or went away between HeadObject (ETag {ETag}) and GetObject; nothing written, syncing again (round {Round})")]
    public static partial void ObjectChangedWhileRead(ILogger logger, string messageId, string bucket, string key, string? etag, int round);

    [LoggerMessage(6, LogLevel.Warning, "Message {MessageId} failed on receive {ReceiveCount}; it will be retried")]
    public static partial void MessageFailed(ILogger logger, Exception exception, string messageId, int receiveCount);

    [LoggerMessage(7, LogLevel.Warning, "Message {MessageId} was cancelled before it finished; it will be retried")]
    public static partial void MessageCancelled(ILogger logger, string messageId);

    [LoggerMessage(8, LogLevel.Warning, "Batch cancelled: {Unfinished} of {Total} messages unfinished, reported as failed")]
    public static partial void BatchCancelled(ILogger logger, int unfinished, int total);

    [LoggerMessage(9, LogLevel.Warning, "FIFO batch stopped at failed message {MessageId}; {Remaining} later messages reported as failed")]
    public static partial void FifoStopped(ILogger logger, string messageId, int remaining);

    [LoggerMessage(20, LogLevel.Error, "Invocation {RequestId} failed ({ErrorType}); reported to the Runtime API")]
    public static partial void InvocationFailed(ILogger logger, Exception exception, string requestId, string errorType);

    [LoggerMessage(21, LogLevel.Critical, "Lambda init failed; reported to the Runtime API")]
    public static partial void InitFailed(ILogger logger, Exception exception);

    [LoggerMessage(22, LogLevel.Information, "Lambda runtime ready: {Api}, table {Table}, max concurrency {MaxConcurrency}")]
    public static partial void LambdaReady(ILogger logger, string api, string table, int maxConcurrency);

    [LoggerMessage(23, LogLevel.Warning, "Invocation {RequestId}: telemetry not fully exported within {BudgetMilliseconds:0} ms; the rest waits for a later flush")]
    public static partial void TelemetryFlushIncomplete(ILogger logger, string requestId, double budgetMilliseconds);

    [LoggerMessage(24, LogLevel.Critical, "Lambda Runtime API {Api} failed a call, so no invocation can be received or reported; the bootstrap exits with code 1")]
    public static partial void RuntimeApiFailed(ILogger logger, Exception exception, string api);

    [LoggerMessage(25, LogLevel.Warning, "The batch's read of {Count} records (BatchGetItem) failed; each of its messages reads its own record instead")]
    public static partial void BatchReadFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(30, LogLevel.Information, "Worker ready: {Pollers} pollers on {QueueUrl}")]
    public static partial void WorkerReady(ILogger logger, int pollers, string queueUrl);

    [LoggerMessage(31, LogLevel.Information, "Worker stopping: no new receives; finishing in-flight messages")]
    public static partial void WorkerStopping(ILogger logger);

    [LoggerMessage(32, LogLevel.Information, "Worker stopped: pollers on {QueueUrl} finished")]
    public static partial void WorkerStopped(ILogger logger, string queueUrl);

    [LoggerMessage(33, LogLevel.Warning, "Queue {QueueUrl} not reachable; trying again in {DelaySeconds:0.0} s")]
    public static partial void QueueUnavailable(ILogger logger, Exception exception, string queueUrl, double delaySeconds);

    [LoggerMessage(34, LogLevel.Warning, "ReceiveMessage on {QueueUrl} failed; next poll in {DelaySeconds:0.0} s")]
    public static partial void ReceiveFailed(ILogger logger, Exception exception, string queueUrl, double delaySeconds);

    [LoggerMessage(35, LogLevel.Warning, "DeleteMessageBatch of {Count} messages failed; they will be redelivered and find their records already current")]
    public static partial void DeleteFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(36, LogLevel.Warning, "DeleteMessageBatch entry {EntryId} failed: {Code} {Message}")]
    public static partial void DeleteEntryFailed(ILogger logger, string? entryId, string? code, string? message);

    [LoggerMessage(37, LogLevel.Warning, "ChangeMessageVisibilityBatch of {Count} messages failed")]
    public static partial void VisibilityFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(38, LogLevel.Warning, "ChangeMessageVisibilityBatch entry {EntryId} failed: {Code} {Message}")]
    public static partial void VisibilityEntryFailed(ILogger logger, string? entryId, string? code, string? message);

    [LoggerMessage(39, LogLevel.Information, "Message {MessageId} (receive {ReceiveCount}) will be retried in {VisibilitySeconds} s")]
    public static partial void RetryScheduled(ILogger logger, string? messageId, int receiveCount, int visibilitySeconds);

    [LoggerMessage(40, LogLevel.Debug, "Extended the visibility of {Count} in-flight messages to {VisibilitySeconds} s")]
    public static partial void VisibilityExtended(ILogger logger, int count, int visibilitySeconds);
}
