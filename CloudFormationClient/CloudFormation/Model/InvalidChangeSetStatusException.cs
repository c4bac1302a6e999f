using System.Net;
using Amazon.Runtime;

namespace Amazon.CloudFormation.Model;

/// <summary>CloudFormation error <c>InvalidChangeSetStatus</c>.</summary>
public sealed class InvalidChangeSetStatusException : AmazonCloudFormationException
{
    public InvalidChangeSetStatusException(string message) : base(message) { }

    public InvalidChangeSetStatusException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
