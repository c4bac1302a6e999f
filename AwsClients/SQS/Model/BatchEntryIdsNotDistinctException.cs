using System.Net;
using Amazon.Runtime;

namespace Amazon.SQS.Model;

/// <summary>SQS error <c>BatchEntryIdsNotDistinct</c>.</summary>
public sealed class BatchEntryIdsNotDistinctException : AmazonSQSException
{
    public BatchEntryIdsNotDistinctException(string message) : base(message) { }

    public BatchEntryIdsNotDistinctException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
