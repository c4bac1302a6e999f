using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.Extensions.NETCore.Setup;
using Microsoft.Extensions.Hosting;

namespace FilePipeline.Provisioning;

/// <summary>
/// Where and as whom provisioning talks to AWS: the region, the credentials and, for an emulator, the
/// endpoint (<c>AWS_ENDPOINT_URL</c>; S3 then uses path-style addressing).
/// </summary>
public sealed record AwsSettings(RegionEndpoint Region, AWSCredentials Credentials, Uri? Endpoint)
{
    /// <summary>
    /// Reads the settings as the SDK does: region from <c>AWS_REGION</c> / <c>AWS_DEFAULT_REGION</c> / the profile,
    /// credentials from the default chain, endpoint from <c>AWS_ENDPOINT_URL</c>.
    /// </summary>
    public static AwsSettings FromEnvironment() =>
        Resolve(
            FallbackRegionFactory.GetRegionEndpoint()?.SystemName,
            () => DefaultAWSCredentialsIdentityResolver.GetCredentials(),
            Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL"));

    /// <summary>Builds settings from the pieces; fails with what to set when one is missing.</summary>
    public static AwsSettings Resolve(string? region, Func<AWSCredentials?> credentials, string? endpoint)
    {
        if (string.IsNullOrWhiteSpace(region))
        {
            throw new AwsSettingsException(
                "No AWS region: set AWS_REGION (for example AWS_REGION=eu-west-1) or a region in the profile AWS_PROFILE names.");
        }

        AWSCredentials? resolved;
        try
        {
            resolved = credentials();
        }
        catch (AmazonClientException e)
        {
            throw new AwsSettingsException(
                "No AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE with a profile in ~/.aws, " +
                $"or run where an instance/container role is available. ({e.Message})", e);
        }

        if (resolved is null)
        {
            throw new AwsSettingsException(
                "No AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE with a profile in ~/.aws.");
        }

        Uri? url = null;
        if (!string.IsNullOrWhiteSpace(endpoint) && !Uri.TryCreate(endpoint.Trim(), UriKind.Absolute, out url))
        {
            throw new AwsSettingsException($"AWS_ENDPOINT_URL '{endpoint}' is not an absolute URL (e.g. http://127.0.0.1:5000).");
        }

        return new AwsSettings(RegionEndpoint.GetBySystemName(region.Trim()), resolved, url);
    }

    /// <summary>
    /// These settings as AWSSDK.Extensions.NETCore.Setup's options; clients are built from them in the one place
    /// every service uses (<see cref="AwsClientExtensions.CreateAwsClient{T}"/>: path-style S3 for an endpoint).
    /// </summary>
    public AWSOptions ToAWSOptions() =>
        new AWSOptions { Credentials = Credentials }.ForEndpoint(Endpoint, Region.SystemName);
}
