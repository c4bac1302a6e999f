using Amazon.CloudFormation.Internal;
using Amazon.CloudFormation.Model;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using FilePipeline.CloudFormationClient.Runtime;

namespace Amazon.CloudFormation;

/// <summary>
/// AWS CloudFormation client (query protocol, XML responses) on AWSSDK.Core's pipeline: the SDK's signing,
/// credential chain, retries, clock-skew correction and endpoint overrides. Same names and shapes as AWSSDK.CloudFormation,
/// reduced to the operations and members the product uses (Provisioning's create, update, change set and delete).
/// </summary>
public partial class AmazonCloudFormationClient : AmazonServiceClient, IAmazonCloudFormation
{
    private static readonly InvokeOptions CreateStackOptions =
        CloudFormationOperation.Create<CreateStackRequest, CreateStackResponse>("CreateStack", CloudFormationWire.Write, CloudFormationWire.ReadCreateStack);

    private static readonly InvokeOptions UpdateStackOptions =
        CloudFormationOperation.Create<UpdateStackRequest, UpdateStackResponse>("UpdateStack", CloudFormationWire.Write, CloudFormationWire.ReadUpdateStack);

    private static readonly InvokeOptions DescribeStacksOptions =
        CloudFormationOperation.Create<DescribeStacksRequest, DescribeStacksResponse>("DescribeStacks", CloudFormationWire.Write, CloudFormationWire.ReadDescribeStacks);

    private static readonly InvokeOptions DescribeStackEventsOptions =
        CloudFormationOperation.Create<DescribeStackEventsRequest, DescribeStackEventsResponse>("DescribeStackEvents", CloudFormationWire.Write, CloudFormationWire.ReadDescribeStackEvents);

    private static readonly InvokeOptions DeleteStackOptions =
        CloudFormationOperation.Create<DeleteStackRequest, DeleteStackResponse>("DeleteStack", CloudFormationWire.Write, CloudFormationWire.ReadDeleteStack);

    private static readonly InvokeOptions CreateChangeSetOptions =
        CloudFormationOperation.Create<CreateChangeSetRequest, CreateChangeSetResponse>("CreateChangeSet", CloudFormationWire.Write, CloudFormationWire.ReadCreateChangeSet);

    private static readonly InvokeOptions DescribeChangeSetOptions =
        CloudFormationOperation.Create<DescribeChangeSetRequest, DescribeChangeSetResponse>("DescribeChangeSet", CloudFormationWire.Write, CloudFormationWire.ReadDescribeChangeSet);

    private static readonly InvokeOptions ExecuteChangeSetOptions =
        CloudFormationOperation.Create<ExecuteChangeSetRequest, ExecuteChangeSetResponse>("ExecuteChangeSet", CloudFormationWire.Write, CloudFormationWire.ReadExecuteChangeSet);

    private static readonly IServiceMetadata Metadata = new ClientMetadata("CloudFormation");

    /// <summary>Credentials from the default chain; region and endpoint from the environment (<c>AWS_REGION</c>, <c>AWS_ENDPOINT_URL_CLOUDFORMATION</c>, <c>AWS_ENDPOINT_URL</c>).</summary>
    public AmazonCloudFormationClient()
        : base(new AmazonCloudFormationConfig())
    {
    }

    public AmazonCloudFormationClient(AmazonCloudFormationConfig config)
        : base(config)
    {
    }

    public AmazonCloudFormationClient(AWSCredentials credentials, AmazonCloudFormationConfig config)
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

    public virtual Task<CreateStackResponse> CreateStackAsync(CreateStackRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<CreateStackResponse>(request, CreateStackOptions, cancellationToken);

    public virtual Task<UpdateStackResponse> UpdateStackAsync(UpdateStackRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<UpdateStackResponse>(request, UpdateStackOptions, cancellationToken);

    public virtual Task<DescribeStacksResponse> DescribeStacksAsync(DescribeStacksRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<DescribeStacksResponse>(request, DescribeStacksOptions, cancellationToken);

    public virtual Task<DescribeStackEventsResponse> DescribeStackEventsAsync(DescribeStackEventsRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<DescribeStackEventsResponse>(request, DescribeStackEventsOptions, cancellationToken);

    public virtual Task<DeleteStackResponse> DeleteStackAsync(DeleteStackRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<DeleteStackResponse>(request, DeleteStackOptions, cancellationToken);

    public virtual Task<CreateChangeSetResponse> CreateChangeSetAsync(CreateChangeSetRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<CreateChangeSetResponse>(request, CreateChangeSetOptions, cancellationToken);

    public virtual Task<DescribeChangeSetResponse> DescribeChangeSetAsync(DescribeChangeSetRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<DescribeChangeSetResponse>(request, DescribeChangeSetOptions, cancellationToken);

    public virtual Task<ExecuteChangeSetResponse> ExecuteChangeSetAsync(ExecuteChangeSetRequest request, CancellationToken cancellationToken = default) =>
        InvokeAsync<ExecuteChangeSetResponse>(request, ExecuteChangeSetOptions, cancellationToken);

    /// <summary>Returns the endpoint a request would be sent to.</summary>
    public Amazon.Runtime.Endpoints.Endpoint DetermineServiceOperationEndpoint(AmazonWebServiceRequest request) =>
        Config.DetermineServiceOperationEndpoint(new Amazon.Runtime.Endpoints.ServiceOperationEndpointParameters(request));
}
