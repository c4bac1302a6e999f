using System.Net;
using Amazon.Runtime;

namespace Amazon.CloudFormation.Model;

/// <summary>CloudFormation error <c>OperationInProgressException</c>.</summary>
public sealed class OperationInProgressException : AmazonCloudFormationException
{
    public OperationInProgressException(string message) : base(message) { }

    public OperationInProgressException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
