using System.Text.Json.Serialization;
using Amazon.SQS.Model;
using FilePipeline.AwsClients.Runtime;

namespace Amazon.SQS.Internal;

/// <summary>Source-generated JSON for the SQS wire shapes (member names are the wire names).</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(Base64MemoryStreamConverter)])]
[JsonSerializable(typeof(GetQueueUrlRequest))]
[JsonSerializable(typeof(GetQueueUrlResponse))]
[JsonSerializable(typeof(CreateQueueRequest))]
[JsonSerializable(typeof(CreateQueueResponse))]
[JsonSerializable(typeof(DeleteQueueRequest))]
[JsonSerializable(typeof(DeleteQueueResponse))]
[JsonSerializable(typeof(GetQueueAttributesRequest))]
[JsonSerializable(typeof(GetQueueAttributesResponse))]
[JsonSerializable(typeof(SetQueueAttributesRequest))]
[JsonSerializable(typeof(SetQueueAttributesResponse))]
[JsonSerializable(typeof(SendMessageRequest))]
[JsonSerializable(typeof(SendMessageResponse))]
[JsonSerializable(typeof(SendMessageBatchRequest))]
[JsonSerializable(typeof(SendMessageBatchResponse))]
[JsonSerializable(typeof(ReceiveMessageRequest))]
[JsonSerializable(typeof(ReceiveMessageResponse))]
[JsonSerializable(typeof(DeleteMessageRequest))]
[JsonSerializable(typeof(DeleteMessageResponse))]
[JsonSerializable(typeof(DeleteMessageBatchRequest))]
[JsonSerializable(typeof(DeleteMessageBatchResponse))]
[JsonSerializable(typeof(ChangeMessageVisibilityRequest))]
[JsonSerializable(typeof(ChangeMessageVisibilityResponse))]
[JsonSerializable(typeof(ChangeMessageVisibilityBatchRequest))]
[JsonSerializable(typeof(ChangeMessageVisibilityBatchResponse))]
[JsonSerializable(typeof(PurgeQueueRequest))]
[JsonSerializable(typeof(PurgeQueueResponse))]
[JsonSerializable(typeof(ListDeadLetterSourceQueuesRequest))]
[JsonSerializable(typeof(ListDeadLetterSourceQueuesResponse))]
[JsonSerializable(typeof(StartMessageMoveTaskRequest))]
[JsonSerializable(typeof(StartMessageMoveTaskResponse))]
[JsonSerializable(typeof(ListMessageMoveTasksRequest))]
[JsonSerializable(typeof(ListMessageMoveTasksResponse))]
internal sealed partial class SqsJsonContext : JsonSerializerContext;
