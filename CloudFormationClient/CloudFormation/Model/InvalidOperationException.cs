using System.Net;
using Amazon.Runtime;

namespace Amazon.CloudFormation.Model;

/// <summary>CloudFormation error <c>InvalidOperationException</c>.</summary>
public sealed class InvalidOperationException : AmazonCloudFormationException
{
    public InvalidOperationException(string message) : base(message) { }

    public InvalidOperationException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
