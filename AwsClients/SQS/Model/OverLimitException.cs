using System.Net;
using Amazon.Runtime;

namespace Amazon.SQS.Model;

/// <summary>SQS error <c>OverLimit</c>.</summary>
public sealed class OverLimitException : AmazonSQSException
{
    public OverLimitException(string message) : base(message) { }

    public OverLimitException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
