using Amazon.Runtime;
using Amazon.Util.Internal;

namespace FilePipeline.CloudFormationClient.Runtime;

/// <summary>The defaults the generated AWSSDK configs carry (standard retry mode), shared by the hand-written clients.</summary>
public static class SdkDefaults
{
    public static string UserAgent { get; } = InternalSDKUtils.BuildUserAgentString("FilePipeline.CloudFormationClient", "1.0.0");

    public static IReadOnlyList<IDefaultConfiguration> Configurations { get; } =
    [
        new DefaultConfiguration { Name = DefaultConfigurationMode.Standard, RetryMode = RequestRetryMode.Standard },
        new DefaultConfiguration { Name = DefaultConfigurationMode.InRegion, RetryMode = RequestRetryMode.Standard },
        new DefaultConfiguration { Name = DefaultConfigurationMode.CrossRegion, RetryMode = RequestRetryMode.Standard },
        new DefaultConfiguration { Name = DefaultConfigurationMode.Mobile, RetryMode = RequestRetryMode.Standard },
        new DefaultConfiguration { Name = DefaultConfigurationMode.Auto, RetryMode = RequestRetryMode.Standard },
    ];
}
