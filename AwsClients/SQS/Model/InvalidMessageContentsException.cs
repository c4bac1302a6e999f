using System.Net;
using Amazon.Runtime;

namespace Amazon.SQS.Model;

/// <summary>SQS error <c>InvalidMessageContents</c>.</summary>
public sealed class InvalidMessageContentsException : AmazonSQSException
{
    public InvalidMessageContentsException(string message) : base(message) { }

    public InvalidMessageContentsException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
