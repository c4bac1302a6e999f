using System.Net;
using Amazon.Runtime;

namespace Amazon.CloudFormation;

/// <summary>Base exception for CloudFormation errors; <c>ErrorCode</c> carries the service's code.</summary>
public class AmazonCloudFormationException : AmazonServiceException
{
    public AmazonCloudFormationException(string message) : base(message) { }

    public AmazonCloudFormationException(string message, Exception? innerException) : base(message, innerException) { }

    public AmazonCloudFormationException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
