using System.Net;
using Amazon.Runtime;

namespace Amazon.SQS.Model;

/// <summary>SQS error <c>QueueDoesNotExist</c>.</summary>
public sealed class QueueDoesNotExistException : AmazonSQSException
{
    public QueueDoesNotExistException(string message) : base(message) { }

    public QueueDoesNotExistException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
