using System.Net;
using Amazon.Runtime;

namespace Amazon.CloudFormation.Model;

/// <summary>CloudFormation error <c>ChangeSetNotFound</c>.</summary>
public sealed class ChangeSetNotFoundException : AmazonCloudFormationException
{
    public ChangeSetNotFoundException(string message) : base(message) { }

    public ChangeSetNotFoundException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
