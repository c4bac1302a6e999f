using System.Net;
using Amazon.Runtime;

namespace Amazon.CloudFormation.Model;

/// <summary>CloudFormation error <c>AlreadyExistsException</c>.</summary>
public sealed class AlreadyExistsException : AmazonCloudFormationException
{
    public AlreadyExistsException(string message) : base(message) { }

    public AlreadyExistsException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
