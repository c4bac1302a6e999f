using Amazon.Runtime;
using Amazon.SQS.Model;
using FilePipeline.AwsClients.Runtime;

namespace Amazon.SQS.Internal;

/// <summary>Maps an SQS error to its typed exception (by the JSON error shape name), else <see cref="AmazonSQSException"/>.</summary>
internal static class SqsErrors
{
    public static AmazonServiceException ToException(ServiceError e) => e.Code switch
    {
        "QueueDoesNotExist" => new QueueDoesNotExistException(e.Message, e.InnerException, e.Type, e.ErrorCode, e.RequestId, e.StatusCode),
        "QueueNameExists" => new QueueNameExistsException(e.Message, e.InnerException, e.Type, e.ErrorCode, e.RequestId, e.StatusCode),
        "QueueDeletedRecently" => new QueueDeletedRecentlyException(e.Message, e.InnerException, e.Type, e.ErrorCode, e.RequestId, e.StatusCode),
        "ReceiptHandleIsInvalid" => new ReceiptHandleIsInvalidException(e.Message, e.InnerException, e.Type, e.ErrorCode, e.RequestId, e.StatusCode),
        "MessageNotInflight" => new MessageNotInflightException(e.Message, e.InnerException, e.Type, e.ErrorCode, e.RequestId, e.StatusCode),
        "InvalidAttributeName" => new InvalidAttributeNameException(e.Message, e.InnerException, e.Type, e.ErrorCode, e.RequestId, e.StatusCode),
        "InvalidAttributeValue" => new InvalidAttributeValueException(e.Message, e.InnerException, e.Type, e.ErrorCode, e.RequestId, e.StatusCode),
        "InvalidMessageContents" => new InvalidMessageContentsException(e.Message, e.InnerException, e.Type, e.ErrorCode, e.RequestId, e.StatusCode),
        "InvalidIdFormat" => new InvalidIdFormatException(e.Message, e.InnerException, e.Type, e.ErrorCode, e.RequestId, e.StatusCode),
        "OverLimit" => new OverLimitException(e.Message, e.InnerException, e.Type, e.ErrorCode, e.RequestId, e.StatusCode),
        "PurgeQueueInProgress" => new PurgeQueueInProgressException(e.Message, e.InnerException, e.Type, e.ErrorCode, e.RequestId, e.StatusCode),
        "TooManyEntriesInBatchRequest" => new TooManyEntriesInBatchRequestException(e.Message, e.InnerException, e.Type, e.ErrorCode, e.RequestId, e.StatusCode),
        "BatchEntryIdsNotDistinct" => new BatchEntryIdsNotDistinctException(e.Message, e.InnerException, e.Type, e.ErrorCode, e.RequestId, e.StatusCode),
        "EmptyBatchRequest" => new EmptyBatchRequestException(e.Message, e.InnerException, e.Type, e.ErrorCode, e.RequestId, e.StatusCode),
        "InvalidBatchEntryId" => new InvalidBatchEntryIdException(e.Message, e.InnerException, e.Type, e.ErrorCode, e.RequestId, e.StatusCode),
        "BatchRequestTooLong" => new BatchRequestTooLongException(e.Message, e.InnerException, e.Type, e.ErrorCode, e.RequestId, e.StatusCode),
        "UnsupportedOperation" => new UnsupportedOperationException(e.Message, e.InnerException, e.Type, e.ErrorCode, e.RequestId, e.StatusCode),
        "RequestThrottled" => new RequestThrottledException(e.Message, e.InnerException, e.Type, e.ErrorCode, e.RequestId, e.StatusCode),
        "InvalidAddress" => new InvalidAddressException(e.Message, e.InnerException, e.Type, e.ErrorCode, e.RequestId, e.StatusCode),
        "InvalidSecurity" => new InvalidSecurityException(e.Message, e.InnerException, e.Type, e.ErrorCode, e.RequestId, e.StatusCode),
        "ResourceNotFoundException" => new ResourceNotFoundException(e.Message, e.InnerException, e.Type, e.ErrorCode, e.RequestId, e.StatusCode),
        _ => new AmazonSQSException(e.Message, e.InnerException, e.Type, e.ErrorCode, e.RequestId, e.StatusCode),
    };
}
