using Amazon.Runtime;
using System.Net;

namespace FilePipeline.CloudFormationClient.Runtime;

/// <summary>
/// An error response, parsed. <paramref name="Code"/> is the service's error shape name (e.g.
/// <c>QueueDoesNotExist</c>); <paramref name="ErrorCode"/> is what the exception reports as its
/// <c>ErrorCode</c> (for query-compatible JSON services the legacy query code when the service sends one).
/// </summary>
public sealed record ServiceError(
    string Code,
    string ErrorCode,
    string Message,
    ErrorType Type,
    string? RequestId,
    HttpStatusCode StatusCode,
    Exception? InnerException);
