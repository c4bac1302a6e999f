using System.Net;
using Amazon.Runtime;

namespace Amazon.SQS.Model;

/// <summary>SQS error <c>InvalidAddress</c>.</summary>
public sealed class InvalidAddressException : AmazonSQSException
{
    public InvalidAddressException(string message) : base(message) { }

    public InvalidAddressException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
