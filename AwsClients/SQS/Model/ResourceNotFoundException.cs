using System.Net;
using Amazon.Runtime;

namespace Amazon.SQS.Model;

/// <summary>SQS error <c>ResourceNotFound</c>.</summary>
public sealed class ResourceNotFoundException : AmazonSQSException
{
    public ResourceNotFoundException(string message) : base(message) { }

    public ResourceNotFoundException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
