using System.Net;
using Amazon.Runtime;

namespace Amazon.SQS.Model;

/// <summary>SQS error <c>QueueNameExists</c>.</summary>
public sealed class QueueNameExistsException : AmazonSQSException
{
    public QueueNameExistsException(string message) : base(message) { }

    public QueueNameExistsException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
