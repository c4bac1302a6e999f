using System.Net;
using Amazon.Runtime;

namespace Amazon.SQS.Model;

/// <summary>SQS error <c>InvalidAttributeValue</c>.</summary>
public sealed class InvalidAttributeValueException : AmazonSQSException
{
    public InvalidAttributeValueException(string message) : base(message) { }

    public InvalidAttributeValueException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
