using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.SQS.Internal;
using Amazon.SQS.Model;
using FilePipeline.AwsClients.Runtime;

namespace Amazon.SQS;

/// <summary>
/// Amazon SQS client (AWS JSON 1.0) on AWSSDK.Core's pipeline: the SDK's signing, credential chain, retries,
/// clock-skew correction and endpoint overrides. Same names and shapes as AWSSDK.SQS.
/// </summary>
public partial class AmazonSQSClient : AmazonServiceClient, IAmazonSQS
{
    private static readonly InvokeOptions GetQueueUrlOptions = SqsOperation.Create<GetQueueUrlRequest, GetQueueUrlResponse>("GetQueueUrl");
    private static readonly InvokeOptions CreateQueueOptions = SqsOperation.Create<CreateQueueRequest, CreateQueueResponse>("CreateQueue");
    private static readonly InvokeOptions DeleteQueueOptions = SqsOperation.Create<DeleteQueueRequest, DeleteQueueResponse>("DeleteQueue");
    private static readonly InvokeOptions GetQueueAttributesOptions = SqsOperation.Create<GetQueueAttributesRequest, GetQueueAttributesResponse>("GetQueueAttributes");
    private static readonly InvokeOptions SetQueueAttributesOptions = SqsOperation.Create<SetQueueAttributesRequest, SetQueueAttributesResponse>("SetQueueAttributes");
    private static readonly InvokeOptions SendMessageOptions = SqsOperation.Create<SendMessageRequest, SendMessageResponse>("SendMessage");
    private static readonly InvokeOptions SendMessageBatchOptions = SqsOperation.Create<SendMessageBatchRequest, SendMessageBatchResponse>("SendMessageBatch");
    private static readonly InvokeOptions ReceiveMessageOptions = SqsOperation.Create<ReceiveMessageRequest, ReceiveMessageResponse>("ReceiveMessage");
    private static readonly InvokeOptions DeleteMessageOptions = SqsOperation.Create<DeleteMessageRequest, DeleteMessageResponse>("DeleteMessage");
    private static readonly InvokeOptions DeleteMessageBatchOptions = SqsOperation.Create<DeleteMessageBatchRequest, DeleteMessageBatchResponse>("DeleteMessageBatch");
    private static readonly InvokeOptions ChangeMessageVisibilityOptions = SqsOperation.Create<ChangeMessageVisibilityRequest, ChangeMessageVisibilityResponse>("ChangeMessageVisibility");
    private static readonly InvokeOptions ChangeMessageVisibilityBatchOptions = SqsOperation.Create<ChangeMessageVisibilityBatchRequest, ChangeMessageVisibilityBatchResponse>("ChangeMessageVisibilityBatch");
    private static readonly InvokeOptions PurgeQueueOptions = SqsOperation.Create<PurgeQueueRequest, PurgeQueueResponse>("PurgeQueue");
    private static readonly InvokeOptions ListDeadLetterSourceQueuesOptions = SqsOperation.Create<ListDeadLetterSourceQueuesRequest, ListDeadLetterSourceQueuesResponse>("ListDeadLetterSourceQueues");
    private static readonly InvokeOptions StartMessageMoveTaskOptions = SqsOperation.Create<StartMessageMoveTaskRequest, StartMessageMoveTaskResponse>("StartMessageMoveTask");
    private static readonly InvokeOptions ListMessageMoveTasksOptions = SqsOperation.Create<ListMessageMoveTasksRequest, ListMessageMoveTasksResponse>("ListMessageMoveTasks");

    private static readonly IServiceMetadata Metadata = new ClientMetadata("SQS");

    /// <summary>Credentials from the default chain; region and endpoint from the environment (<c>AWS_REGION</c>, <c>AWS_ENDPOINT_URL_SQS</c>, <c>AWS_ENDPOINT_URL</c>).</summary>
    public AmazonSQSClient()
        : base(new AmazonSQSConfig())
    {
    }

    public AmazonSQSClient(RegionEndpoint region)
        : base(new AmazonSQSConfig { RegionEndpoint = region })
    {
    }

    public AmazonSQSClient(AmazonSQSConfig config)
        : base(config)
    {
    }

    public AmazonSQSClient(AWSCredentials credentials)
        : this(credentials, new AmazonSQSConfig())
    {
    }

    public AmazonSQSClient(AWSCredentials credentials, RegionEndpoint region)
        : this(credentials, new AmazonSQSConfig { RegionEndpoint = region })
    {
    }

    public AmazonSQSClient(AWSCredentials credentials, AmazonSQSConfig config)
        : base(credentials, config)
    {
    }

    protected override IServiceMetadata ServiceMetadata => Metadata;

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        pipeline.RemoveHandler<EndpointResolver>();
        pipeline.AddHandlerAfter<Marshaller>(new ServiceEndpointResolver());
        pipeline.AddHandlerAfter<Marshaller>(new SigV4AuthResolverHandler());
    }

    public virtual Task<GetQueueUrlResponse> GetQueueUrlAsync(GetQueueUrlRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<GetQueueUrlResponse>(request, GetQueueUrlOptions, cancellationToken);

    public virtual Task<CreateQueueResponse> CreateQueueAsync(CreateQueueRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<CreateQueueResponse>(request, CreateQueueOptions, cancellationToken);

    public virtual Task<DeleteQueueResponse> DeleteQueueAsync(DeleteQueueRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<DeleteQueueResponse>(request, DeleteQueueOptions, cancellationToken);

    public virtual Task<GetQueueAttributesResponse> GetQueueAttributesAsync(GetQueueAttributesRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<GetQueueAttributesResponse>(request, GetQueueAttributesOptions, cancellationToken);

    public virtual Task<SetQueueAttributesResponse> SetQueueAttributesAsync(SetQueueAttributesRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<SetQueueAttributesResponse>(request, SetQueueAttributesOptions, cancellationToken);

    public virtual Task<SendMessageResponse> SendMessageAsync(SendMessageRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<SendMessageResponse>(request, SendMessageOptions, cancellationToken);

    public virtual Task<SendMessageBatchResponse> SendMessageBatchAsync(SendMessageBatchRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<SendMessageBatchResponse>(request, SendMessageBatchOptions, cancellationToken);

    public virtual Task<ReceiveMessageResponse> ReceiveMessageAsync(ReceiveMessageRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<ReceiveMessageResponse>(request, ReceiveMessageOptions, cancellationToken);

    public virtual Task<DeleteMessageResponse> DeleteMessageAsync(DeleteMessageRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<DeleteMessageResponse>(request, DeleteMessageOptions, cancellationToken);

    public virtual Task<DeleteMessageBatchResponse> DeleteMessageBatchAsync(DeleteMessageBatchRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<DeleteMessageBatchResponse>(request, DeleteMessageBatchOptions, cancellationToken);

    public virtual Task<ChangeMessageVisibilityResponse> ChangeMessageVisibilityAsync(ChangeMessageVisibilityRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<ChangeMessageVisibilityResponse>(request, ChangeMessageVisibilityOptions, cancellationToken);

    public virtual Task<ChangeMessageVisibilityBatchResponse> ChangeMessageVisibilityBatchAsync(ChangeMessageVisibilityBatchRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<ChangeMessageVisibilityBatchResponse>(request, ChangeMessageVisibilityBatchOptions, cancellationToken);

    public virtual Task<PurgeQueueResponse> PurgeQueueAsync(PurgeQueueRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<PurgeQueueResponse>(request, PurgeQueueOptions, cancellationToken);

    public virtual Task<ListDeadLetterSourceQueuesResponse> ListDeadLetterSourceQueuesAsync(ListDeadLetterSourceQueuesRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<ListDeadLetterSourceQueuesResponse>(request, ListDeadLetterSourceQueuesOptions, cancellationToken);

    public virtual Task<StartMessageMoveTaskResponse> StartMessageMoveTaskAsync(StartMessageMoveTaskRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<StartMessageMoveTaskResponse>(request, StartMessageMoveTaskOptions, cancellationToken);

    public virtual Task<ListMessageMoveTasksResponse> ListMessageMoveTasksAsync(ListMessageMoveTasksRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<ListMessageMoveTasksResponse>(request, ListMessageMoveTasksOptions, cancellationToken);

    public virtual Task<GetQueueUrlResponse> GetQueueUrlAsync(string queueName, CancellationToken cancellationToken = default) =>
        GetQueueUrlAsync(new GetQueueUrlRequest(queueName), cancellationToken);

    public virtual Task<CreateQueueResponse> CreateQueueAsync(string queueName, CancellationToken cancellationToken = default) =>
        CreateQueueAsync(new CreateQueueRequest(queueName), cancellationToken);

    public virtual Task<DeleteQueueResponse> DeleteQueueAsync(string queueUrl, CancellationToken cancellationToken = default) =>
        DeleteQueueAsync(new DeleteQueueRequest(queueUrl), cancellationToken);

    public virtual Task<GetQueueAttributesResponse> GetQueueAttributesAsync(string queueUrl, List<string> attributeNames, CancellationToken cancellationToken = default) =>
        GetQueueAttributesAsync(new GetQueueAttributesRequest(queueUrl, attributeNames), cancellationToken);

    public virtual Task<SetQueueAttributesResponse> SetQueueAttributesAsync(string queueUrl, Dictionary<string, string> attributes, CancellationToken cancellationToken = default) =>
        SetQueueAttributesAsync(new SetQueueAttributesRequest(queueUrl, attributes), cancellationToken);

    public virtual Task<SendMessageResponse> SendMessageAsync(string queueUrl, string messageBody, CancellationToken cancellationToken = default) =>
        SendMessageAsync(new SendMessageRequest(queueUrl, messageBody), cancellationToken);

    public virtual Task<SendMessageBatchResponse> SendMessageBatchAsync(string queueUrl, List<SendMessageBatchRequestEntry> entries, CancellationToken cancellationToken = default) =>
        SendMessageBatchAsync(new SendMessageBatchRequest(queueUrl, entries), cancellationToken);

    public virtual Task<ReceiveMessageResponse> ReceiveMessageAsync(string queueUrl, CancellationToken cancellationToken = default) =>
        ReceiveMessageAsync(new ReceiveMessageRequest(queueUrl), cancellationToken);

    public virtual Task<DeleteMessageResponse> DeleteMessageAsync(string queueUrl, string receiptHandle, CancellationToken cancellationToken = default) =>
        DeleteMessageAsync(new DeleteMessageRequest(queueUrl, receiptHandle), cancellationToken);

    public virtual Task<DeleteMessageBatchResponse> DeleteMessageBatchAsync(string queueUrl, List<DeleteMessageBatchRequestEntry> entries, CancellationToken cancellationToken = default) =>
        DeleteMessageBatchAsync(new DeleteMessageBatchRequest(queueUrl, entries), cancellationToken);

    public virtual Task<ChangeMessageVisibilityResponse> ChangeMessageVisibilityAsync(string queueUrl, string receiptHandle, int visibilityTimeout, CancellationToken cancellationToken = default) =>
        ChangeMessageVisibilityAsync(new ChangeMessageVisibilityRequest(queueUrl, receiptHandle, visibilityTimeout), cancellationToken);

    public virtual Task<ChangeMessageVisibilityBatchResponse> ChangeMessageVisibilityBatchAsync(string queueUrl, List<ChangeMessageVisibilityBatchRequestEntry> entries, CancellationToken cancellationToken = default) =>
        ChangeMessageVisibilityBatchAsync(new ChangeMessageVisibilityBatchRequest(queueUrl, entries), cancellationToken);

    public virtual Task<PurgeQueueResponse> PurgeQueueAsync(string queueUrl, CancellationToken cancellationToken = default) =>
        PurgeQueueAsync(new PurgeQueueRequest(queueUrl), cancellationToken);

    /// <summary>Returns the endpoint a request would be sent to.</summary>
    public Amazon.Runtime.Endpoints.Endpoint DetermineServiceOperationEndpoint(AmazonWebServiceRequest request) =>
        Config.DetermineServiceOperationEndpoint(new Amazon.Runtime.Endpoints.ServiceOperationEndpointParameters(request));
}
