using System.Net;
using Amazon.Runtime;

namespace Amazon.SQS.Model;

/// <summary>SQS error <c>UnsupportedOperation</c>.</summary>
public sealed class UnsupportedOperationException : AmazonSQSException
{
    public UnsupportedOperationException(string message) : base(message) { }

    public UnsupportedOperationException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
