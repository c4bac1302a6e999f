using Amazon.Runtime;
using FilePipeline.CloudFormationClient.Runtime;

namespace Amazon.CloudFormation.Internal;

/// <summary>Maps a CloudFormation error code to its typed exception, else <see cref="AmazonCloudFormationException"/> (e.g. <c>ValidationError</c>).</summary>
internal static class CloudFormationErrors
{
    public static AmazonServiceException ToException(ServiceError e) => e.Code switch
    {
        "AlreadyExistsException" => new Model.AlreadyExistsException(e.Message, e.InnerException, e.Type, e.ErrorCode, e.RequestId, e.StatusCode),
        "InsufficientCapabilitiesException" => new Model.InsufficientCapabilitiesException(e.Message, e.InnerException, e.Type, e.ErrorCode, e.RequestId, e.StatusCode),
        "LimitExceededException" => new Model.LimitExceededException(e.Message, e.InnerException, e.Type, e.ErrorCode, e.RequestId, e.StatusCode),
        "TokenAlreadyExistsException" => new Model.TokenAlreadyExistsException(e.Message, e.InnerException, e.Type, e.ErrorCode, e.RequestId, e.StatusCode),
        "ChangeSetNotFound" => new Model.ChangeSetNotFoundException(e.Message, e.InnerException, e.Type, e.ErrorCode, e.RequestId, e.StatusCode),
        "InvalidChangeSetStatus" => new Model.InvalidChangeSetStatusException(e.Message, e.InnerException, e.Type, e.ErrorCode, e.RequestId, e.StatusCode),
        "InvalidOperationException" => new Model.InvalidOperationException(e.Message, e.InnerException, e.Type, e.ErrorCode, e.RequestId, e.StatusCode),
        "OperationInProgressException" => new Model.OperationInProgressException(e.Message, e.InnerException, e.Type, e.ErrorCode, e.RequestId, e.StatusCode),
        _ => new AmazonCloudFormationException(e.Message, e.InnerException, e.Type, e.ErrorCode, e.RequestId, e.StatusCode),
    };
}
