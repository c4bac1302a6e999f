using Amazon;
using Amazon.Runtime;

namespace FilePipeline.Viewer;

/// <summary>
/// AWS client settings from the SDK's own variables (<c>AWS_ENDPOINT_URL</c>, <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c>,
/// <c>AWS_REGION</c>), read through configuration so a test host can set them; credentials come from the SDK's chain.
/// </summary>
public static class AwsClientSetup
{
    public static TConfig Apply<TConfig>(TConfig config, IConfiguration configuration, string serviceVariable)
        where TConfig : ClientConfig
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(configuration);
        var region = configuration["AWS_REGION"] ?? configuration["AWS_DEFAULT_REGION"];
        if (Endpoint(configuration, serviceVariable) is { } endpoint)
        {
            // Setting RegionEndpoint clears ServiceURL: with an endpoint, set the signing region beside it instead.
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = region ?? "us-east-1";
        }
        else if (!string.IsNullOrEmpty(region))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        return config;
    }

    public static string? Endpoint(IConfiguration configuration, string serviceVariable) =>
        configuration[$"AWS_ENDPOINT_URL_{serviceVariable}"] is { Length: > 0 } service
            ? service
            : configuration["AWS_ENDPOINT_URL"] is { Length: > 0 } general ? general : null;
}
