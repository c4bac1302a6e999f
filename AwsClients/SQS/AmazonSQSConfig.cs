using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using FilePipeline.AwsClients.Runtime;

namespace Amazon.SQS;

/// <summary>
/// Configuration for <see cref="AmazonSQSClient"/>, as in AWSSDK.SQS: region from <c>RegionEndpoint</c> or
/// <c>AWS_REGION</c>; endpoint from <c>ServiceURL</c>, <c>AWS_ENDPOINT_URL_SQS</c> or <c>AWS_ENDPOINT_URL</c>.
/// </summary>
public sealed class AmazonSQSConfig : ClientConfig
{
    public AmazonSQSConfig()
        : base(new DefaultConfigurationProvider(SdkDefaults.Configurations))
    {
        base.ServiceId = "SQS";
        AuthenticationServiceName = "sqs";
    }

    /// <summary>The ServiceId, which is the unique identifier for a service.</summary>
    public static new string ServiceId => "SQS";

    public override string RegionEndpointServiceName => "sqs";

    public override string ServiceVersion => "2012-11-05";

    public override string UserAgent => SdkDefaults.UserAgent;

    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters) =>
        ServiceEndpoints.Resolve(this, "sqs", parameters.AlternateEndpoint);
}
