using System.Net;
using Amazon.Runtime;

namespace Amazon.SQS;

/// <summary>Base exception for SQS errors; <c>ErrorCode</c> carries the service's code.</summary>
public class AmazonSQSException : AmazonServiceException
{
    public AmazonSQSException(string message) : base(message) { }

    public AmazonSQSException(string message, Exception? innerException) : base(message, innerException) { }

    public AmazonSQSException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
