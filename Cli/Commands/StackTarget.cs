using System.CommandLine;
using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.S3;
using Amazon.SQS;
using FilePipeline.Cli.Stack;
using FilePipeline.Provisioning;

namespace FilePipeline.Cli.Commands;

/// <summary>
/// Where a verb operates: a stack by name, in AWS or behind an emulator endpoint. Endpoints, region and
/// credentials come from the SDK's own settings (<c>AWS_ENDPOINT_URL</c>, <c>AWS_REGION</c>, <c>AWS_PROFILE</c>,
/// the default credential chain) unless <c>--endpoint</c> / <c>--region</c> say otherwise, so a verb
/// behaves the same against the local emulator and the cloud. With none of those given, a verb that works on a
/// running pipeline finds a locally running AppHost through the file it writes (<see cref="LocalPipelineFile"/>):
/// its emulator endpoint, region and stack name.
/// </summary>
public sealed record StackTarget(string StackName, Uri? Endpoint, string? Region)
{
    public static Option<string> StackOption() => new("--stack")
    {
        Description = "Name of the stack to operate on.",
        DefaultValueFactory = _ => "file-pipeline",
        CustomParser = OptionValues.StackName,
    };

    public static Option<string?> EndpointOption() => new("--endpoint")
    {
        Description = "AWS endpoint URL of an emulator (moto, LocalStack). Default: AWS_ENDPOINT_URL, else AWS itself.",
        CustomParser = OptionValues.EndpointUrl,
    };

    public static Option<string?> RegionOption() => new("--region")
    {
        Description = "AWS region. Default: AWS_REGION (us-east-1 against an emulator).",
        CustomParser = OptionValues.Region,
    };

    /// <summary>Adds --stack, --endpoint and --region to <paramref name="command"/> and returns a reader for them.</summary>
    public static Func<ParseResult, StackTarget> AddOptions(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var stack = StackOption();
        var endpoint = EndpointOption();
        var region = RegionOption();
        command.Options.Add(stack);
        command.Options.Add(endpoint);
        command.Options.Add(region);

        // deploy and destroy are about AWS itself: a local AppHost running beside them must not redirect them.
        var findsLocalPipeline = command.Name is not ("deploy" or "destroy");
        return result =>
        {
            var url = result.GetValue(endpoint) ?? Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL");
            if (!string.IsNullOrWhiteSpace(url) && !OptionValues.IsEndpointUrl(url))
            {
                throw new UsageException($"AWS_ENDPOINT_URL '{url}' is not an absolute http:// or https:// URL.");
            }

            var stackName = result.GetValue(stack)!;
            var regionName = result.GetValue(region) ?? Environment.GetEnvironmentVariable("AWS_REGION");
            if (findsLocalPipeline && string.IsNullOrWhiteSpace(url) && result.GetValue(region) is null
                && LocalPipelineFile.Read(LocalPipelineFile.DefaultPath) is { } local)
            {
                url = local.Endpoint?.ToString();
                regionName ??= local.Region;
                if (result.GetResult(stack) is null or { Implicit: true })
                {
                    stackName = local.StackName;
                }
            }

            return new StackTarget(stackName, string.IsNullOrWhiteSpace(url) ? null : new Uri(url.TrimEnd('/')), regionName);
        };
    }

    /// <summary>True when talking to an emulator rather than AWS.</summary>
    public bool IsLocal => Endpoint is not null;

    private string EffectiveRegion => Region ?? (IsLocal ? "us-east-1" : throw new StackTargetException(
        "No AWS region: pass --region or set AWS_REGION (or AWS_PROFILE with a region)."));

    public AmazonS3Client CreateS3()
    {
        PrepareCredentials();
        var config = new AmazonS3Config { ForcePathStyle = IsLocal };
        Configure(config);
        return new AmazonS3Client(config);
    }

    public AmazonSQSClient CreateSqs()
    {
        PrepareCredentials();
        var config = new AmazonSQSConfig();
        Configure(config);
        return new AmazonSQSClient(config);
    }

    public AmazonDynamoDBClient CreateDynamoDb()
    {
        PrepareCredentials();
        var config = new AmazonDynamoDBConfig();
        Configure(config);
        return new AmazonDynamoDBClient(config);
    }

    /// <summary>Region, credentials and endpoint for Provisioning (<see cref="StackProvisioner"/>); a clear error when one is missing.</summary>
    public AwsSettings Settings()
    {
        PrepareCredentials();
        var region = Region ?? (IsLocal ? "us-east-1" : FallbackRegionFactory.GetRegionEndpoint()?.SystemName);
        return AwsSettings.Resolve(region, () => DefaultAWSCredentialsIdentityResolver.GetCredentials(), Endpoint?.ToString());
    }

    /// <summary>The stack's resource names: from configuration (<c>AWS__Resources__*</c>) when set, else from the stack.</summary>
    public Task<PipelineResources> ResolveResourcesAsync(CancellationToken cancellationToken) =>
        ResourceResolver.ResolveAsync(this, cancellationToken);

    private void Configure(ClientConfig config)
    {
        if (Endpoint is not null)
        {
            config.ServiceURL = Endpoint.ToString();
            config.AuthenticationRegion = EffectiveRegion;
        }
        else if (Region is not null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(Region);
        }
    }

    private void PrepareCredentials()
    {
        // Emulators accept any credentials; the SDK still needs some to sign with.
        if (IsLocal && Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") is null
            && Environment.GetEnvironmentVariable("AWS_PROFILE") is null)
        {
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "test");
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "test");
        }
    }
}
