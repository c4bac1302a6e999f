using System.Net;
using Amazon.Runtime;

namespace Amazon.CloudFormation.Model;

/// <summary>CloudFormation error <c>LimitExceededException</c>.</summary>
public sealed class LimitExceededException : AmazonCloudFormationException
{
    public LimitExceededException(string message) : base(message) { }

    public LimitExceededException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
