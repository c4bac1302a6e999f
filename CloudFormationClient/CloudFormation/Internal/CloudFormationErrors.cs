using Amazon.Runtime;
using FilePipeline.CloudFormationClient.Runtime;

namespace Amazon.CloudFormation.Internal;

/// <summary>
/// Maps a CloudFormation error code to its typed exception where the product catches one (<c>AlreadyExistsException</c>),
/// else <see cref="AmazonCloudFormationException"/> with the code in <c>ErrorCode</c> (e.g. <c>ValidationError</c>).
/// </summary>
internal static class CloudFormationErrors
{
    public static AmazonServiceException ToException(ServiceError e) => e.Code switch
    {
        "AlreadyExistsException" => new Model.AlreadyExistsException(e.Message, e.InnerException, e.Type, e.ErrorCode, e.RequestId, e.StatusCode),
        _ => new AmazonCloudFormationException(e.Message, e.InnerException, e.Type, e.ErrorCode, e.RequestId, e.StatusCode),
    };
}
