using System.Net;
using Amazon.Runtime;

namespace Amazon.SQS.Model;

/// <summary>SQS error <c>InvalidAttributeName</c>.</summary>
public sealed class InvalidAttributeNameException : AmazonSQSException
{
    public InvalidAttributeNameException(string message) : base(message) { }

    public InvalidAttributeNameException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
