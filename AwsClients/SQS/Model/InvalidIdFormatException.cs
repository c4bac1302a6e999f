using System.Net;
using Amazon.Runtime;

namespace Amazon.SQS.Model;

/// <summary>SQS error <c>InvalidIdFormat</c>.</summary>
public sealed class InvalidIdFormatException : AmazonSQSException
{
    public InvalidIdFormatException(string message) : base(message) { }

    public InvalidIdFormatException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
