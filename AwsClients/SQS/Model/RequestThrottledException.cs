using System.Net;
using Amazon.Runtime;

namespace Amazon.SQS.Model;

/// <summary>SQS error <c>RequestThrottled</c>.</summary>
public sealed class RequestThrottledException : AmazonSQSException
{
    public RequestThrottledException(string message) : base(message) { }

    public RequestThrottledException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
