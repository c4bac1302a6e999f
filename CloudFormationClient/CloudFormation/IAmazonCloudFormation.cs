using Amazon.CloudFormation.Model;
using Amazon.Runtime;

namespace Amazon.CloudFormation;

/// <summary>The CloudFormation operations this product uses, as AWSSDK.CloudFormation's <c>IAmazonCloudFormation</c> declares them.</summary>
public partial interface IAmazonCloudFormation : IAmazonService, IDisposable
{
    Task<CreateStackResponse> CreateStackAsync(CreateStackRequest request, CancellationToken cancellationToken = default);

    Task<UpdateStackResponse> UpdateStackAsync(UpdateStackRequest request, CancellationToken cancellationToken = default);

    Task<DescribeStacksResponse> DescribeStacksAsync(DescribeStacksRequest request, CancellationToken cancellationToken = default);

    Task<DescribeStackEventsResponse> DescribeStackEventsAsync(DescribeStackEventsRequest request, CancellationToken cancellationToken = default);

    Task<DeleteStackResponse> DeleteStackAsync(DeleteStackRequest request, CancellationToken cancellationToken = default);

    Task<CreateChangeSetResponse> CreateChangeSetAsync(CreateChangeSetRequest request, CancellationToken cancellationToken = default);

    Task<DescribeChangeSetResponse> DescribeChangeSetAsync(DescribeChangeSetRequest request, CancellationToken cancellationToken = default);

    Task<ExecuteChangeSetResponse> ExecuteChangeSetAsync(ExecuteChangeSetRequest request, CancellationToken cancellationToken = default);

    /// <summary>Returns the endpoint a request would be sent to.</summary>
    Amazon.Runtime.Endpoints.Endpoint DetermineServiceOperationEndpoint(AmazonWebServiceRequest request);

    static ClientConfig IAmazonService.CreateDefaultClientConfig() => new AmazonCloudFormationConfig();

    static IAmazonService IAmazonService.CreateDefaultServiceClient(AWSCredentials awsCredentials, ClientConfig clientConfig) =>
        new AmazonCloudFormationClient(awsCredentials, (AmazonCloudFormationConfig)clientConfig);
}
