using System.Net;
using Amazon.Runtime;

namespace Amazon.CloudFormation.Model;

/// <summary>CloudFormation error <c>TokenAlreadyExistsException</c>.</summary>
public sealed class TokenAlreadyExistsException : AmazonCloudFormationException
{
    public TokenAlreadyExistsException(string message) : base(message) { }

    public TokenAlreadyExistsException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
