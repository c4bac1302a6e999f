using System.Net;
using Amazon.Runtime;

namespace Amazon.CloudFormation.Model;

/// <summary>CloudFormation error <c>InsufficientCapabilitiesException</c>.</summary>
public sealed class InsufficientCapabilitiesException : AmazonCloudFormationException
{
    public InsufficientCapabilitiesException(string message) : base(message) { }

    public InsufficientCapabilitiesException(string message, Exception? innerException, ErrorType errorType, string errorCode, string? requestId, HttpStatusCode statusCode)
        : base(message, innerException, errorType, errorCode, requestId, statusCode) { }
}
