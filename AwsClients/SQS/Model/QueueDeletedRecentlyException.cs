using System.Net;
using Amazon.Runtime;

namespace Amazon.SQS.Model;

/// <summary>SQS error <c>QueueDeletedRecently</c>.</summary>
public sealed class QueueDeletedRecentlyException : AmazonSQSException
{
    public QueueDeletedRecentlyException(string message) : base(message) { }

    public QueueDeletedRecentlyException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
