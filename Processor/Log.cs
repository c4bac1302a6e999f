using Microsoft.Extensions.Logging;

namespace FilePipeline.Processor;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Message {MessageId}: s3:TestEvent via {Source} acknowledged and dropped")]
    public static partial void TestEventDropped(ILogger logger, string messageId, string source);

    [LoggerMessage(2, LogLevel.Warning, "Message {MessageId}: not an S3 event ({Reason}; body {BodyLength} chars); it fails and will reach the dead-letter queue")]
    public static partial void NotAnS3Event(ILogger logger, string messageId, string reason, int bodyLength);

    [LoggerMessage(3, LogLevel.Information, "Message {MessageId}: event {EventName} for s3://{Bucket}/{Key} is neither created nor removed; ignored")]
    public static partial void UnsupportedEvent(ILogger logger, string messageId, string eventName, string bucket, string key);

    [LoggerMessage(4, LogLevel.Information, "Record s3://{Bucket}/{Key}: {Status} ({DetectedType}) {Reason} from message {MessageId}")]
    public static partial void RecordWritten(ILogger logger, string bucket, string key, string status, string? detectedType, string? reason, string? messageId);

    [LoggerMessage(5, LogLevel.Information, "Message {MessageId}: s3://{Bucket}/{Key} already has a newer record than {OrderKey}; left unchanged")]
    public static partial void StaleEvent(ILogger logger, string messageId, string bucket, string key, string orderKey);

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
}
