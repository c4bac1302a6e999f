using System.Net;
using Amazon.Runtime;

namespace Amazon.SQS.Model;

/// <summary>SQS error <c>EmptyBatchRequest</c>.</summary>
public sealed class EmptyBatchRequestException : AmazonSQSException
{
    public EmptyBatchRequestException(string message) : base(message) { }

    public EmptyBatchRequestException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
