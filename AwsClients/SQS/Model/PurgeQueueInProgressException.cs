using System.Net;
using Amazon.Runtime;

namespace Amazon.SQS.Model;

/// <summary>SQS error <c>PurgeQueueInProgress</c>.</summary>
public sealed class PurgeQueueInProgressException : AmazonSQSException
{
    public PurgeQueueInProgressException(string message) : base(message) { }

    public PurgeQueueInProgressException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
