using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using FilePipeline.CloudFormationClient.Runtime;

namespace Amazon.CloudFormation;

/// <summary>
/// Configuration for <see cref="AmazonCloudFormationClient"/>, as in AWSSDK.CloudFormation: region from
/// <c>RegionEndpoint</c> or <c>AWS_REGION</c>; endpoint from <c>ServiceURL</c>, <c>AWS_ENDPOINT_URL_CLOUDFORMATION</c> or <c>AWS_ENDPOINT_URL</c>.
/// </summary>
public sealed class AmazonCloudFormationConfig : ClientConfig
{
    public AmazonCloudFormationConfig()
        : base(new DefaultConfigurationProvider(SdkDefaults.Configurations))
    {
        base.ServiceId = "CloudFormation";
        AuthenticationServiceName = "cloudformation";
    }

    /// <summary>The ServiceId, which is the unique identifier for a service.</summary>
    public static new string ServiceId => "CloudFormation";

    public override string RegionEndpointServiceName => "cloudformation";

    public override string ServiceVersion => "2010-05-15";

    public override string UserAgent => SdkDefaults.UserAgent;

    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters) =>
        ServiceEndpoints.Resolve(this, "cloudformation", parameters.AlternateEndpoint);
}
