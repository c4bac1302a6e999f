using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;

namespace FilePipeline.CloudFormationClient.Runtime;

/// <summary>The endpoint rules the hand-written clients share: an explicit or configured URL wins, else the regional host.</summary>
public static class ServiceEndpoints
{
    public static Endpoint Resolve(ClientConfig config, string endpointPrefix, RegionEndpoint? alternateRegion)
    {
        if (!string.IsNullOrEmpty(config.ServiceURL))
        {
            return new Endpoint(config.ServiceURL);
        }

        var region = alternateRegion ?? config.RegionEndpoint
            ?? throw new AmazonClientException(
                $"No region for {endpointPrefix}: set RegionEndpoint or ServiceURL on the config, or AWS_REGION in the environment.");
        var host = config.UseFIPSEndpoint ? $"{endpointPrefix}-fips" : endpointPrefix;
        var suffix = string.IsNullOrEmpty(region.PartitionDnsSuffix) ? "amazonaws.com" : region.PartitionDnsSuffix;
        return new Endpoint($"https://{host}.{region.SystemName}.{suffix}");
    }
}
