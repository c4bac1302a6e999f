using System.Net;
using Amazon.Runtime;

namespace Amazon.SQS.Model;

/// <summary>SQS error <c>InvalidBatchEntryId</c>.</summary>
public sealed class InvalidBatchEntryIdException : AmazonSQSException
{
    public InvalidBatchEntryIdException(string message) : base(message) { }

    public InvalidBatchEntryIdException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
