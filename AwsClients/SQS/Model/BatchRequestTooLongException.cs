using System.Net;
using Amazon.Runtime;

namespace Amazon.SQS.Model;

/// <summary>SQS error <c>BatchRequestTooLong</c>.</summary>
public sealed class BatchRequestTooLongException : AmazonSQSException
{
    public BatchRequestTooLongException(string message) : base(message) { }

    public BatchRequestTooLongException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
