using System.Net;
using Amazon.Runtime;

namespace Amazon.SQS.Model;

/// <summary>SQS error <c>TooManyEntriesInBatchRequest</c>.</summary>
public sealed class TooManyEntriesInBatchRequestException : AmazonSQSException
{
    public TooManyEntriesInBatchRequestException(string message) : base(message) { }

    public TooManyEntriesInBatchRequestException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
