using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The one place FilePipeline builds AWS service clients, the way AWSSDK.Extensions.NETCore.Setup does it:
/// <see cref="AWSOptions"/> from configuration (<c>AWS:Region</c>, <c>AWS:Profile</c>, … as <c>GetAWSOptions()</c>
/// reads them) and <c>AddAWSService&lt;T&gt;</c>. Everything else is the SDK's own: region from <c>AWS_REGION</c> or
/// the profile, credentials from the default chain, endpoints from <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c> or
/// <c>AWS_ENDPOINT_URL</c>. What this adds, for an explicit endpoint (an emulator): path-style S3 addressing, and
/// a signing region (<c>us-east-1</c> when nothing names one) so the SDK does not go looking for one.
/// </summary>
public static class AwsClientExtensions
{
    /// <summary>The signing region for an explicit endpoint when neither the options nor <c>AWS_REGION</c> name one.</summary>
    public const string EmulatorRegion = "us-east-1";

    /// <summary>
    /// Registers <typeparamref name="T"/> (e.g. <c>IAmazonS3</c>) as <c>TryAddAWSService&lt;T&gt;</c> does, with the
    /// container's <see cref="AWSOptions"/> (from <see cref="IConfiguration"/> unless one was added). A client
    /// registered before (a test's) wins.
    /// </summary>
    public static IServiceCollection AddAwsClient<T>(this IServiceCollection services, ServiceLifetime lifetime = ServiceLifetime.Singleton)
        where T : IAmazonService
    {
        services.TryAddDefaultAWSOptions(provider => provider.GetRequiredService<IConfiguration>().GetAWSOptions());
        services.TryAddAWSService<T>(ConfigureClient, lifetime);
        return services;
    }

    /// <summary>
    /// One client built exactly as <see cref="AddAwsClient{T}"/> builds it, for code without a host (the command
    /// line, provisioning, tests); the caller owns and disposes it. <c>AWSOptions.CreateServiceClient&lt;T&gt;()</c>
    /// would build the same client but takes no configuration step, hence the container of one.
    /// </summary>
    /// <param name="options">Region, credentials and endpoint.</param>
    /// <param name="configure">A last change to the client's configuration (a test's HTTP handler, say), after the defaults.</param>
    public static T CreateAwsClient<T>(this AWSOptions options, Action<ClientConfig>? configure = null)
        where T : IAmazonService
    {
        ArgumentNullException.ThrowIfNull(options);
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddDefaultAWSOptions(options);
        services.TryAddAWSService<T>(
            (config, provider) =>
            {
                ConfigureClient(config, provider);
                configure?.Invoke(config);
            },
            ServiceLifetime.Transient);
        // The container holds nothing but the client's recipe: it need not outlive this call (the client does, for its caller).
        return services.BuildServiceProvider().GetRequiredService<T>();
    }

    /// <summary>Options for an explicit endpoint, region and credentials (the command line's flags, a test's emulator).</summary>
    public static AWSOptions ForEndpoint(this AWSOptions options, Uri? endpoint, string? region)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(region))
        {
            options.Region = Amazon.RegionEndpoint.GetBySystemName(region.Trim());
        }

        if (endpoint is not null)
        {
            options.DefaultClientConfig.ServiceURL = endpoint.ToString();
        }

        return options;
    }

    private static void ConfigureClient(ClientConfig config, IServiceProvider services)
    {
        // The order matters: the ServiceURL getter fills it from AWS_ENDPOINT_URL*, and resolving RegionEndpoint (from
        // AWS_REGION or the profile) after that would clear it again. Region first, then the endpoint.
        var region = config.RegionEndpoint?.SystemName;
        if (string.IsNullOrEmpty(config.ServiceURL))
        {
            return;
        }

        if (config is AmazonS3Config s3)
        {
            // An emulator has no per-bucket host names.
            s3.ForcePathStyle = true;
        }

        config.AuthenticationRegion ??= region ?? services.GetService<AWSOptions>()?.Region?.SystemName ?? EmulatorRegion;
    }
}
