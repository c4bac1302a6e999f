using System.Net;
using Amazon.Runtime;

namespace Amazon.SQS.Model;

/// <summary>SQS error <c>InvalidSecurity</c>.</summary>
public sealed class InvalidSecurityException : AmazonSQSException
{
    public InvalidSecurityException(string message) : base(message) { }

    public InvalidSecurityException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
