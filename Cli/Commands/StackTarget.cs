using System.CommandLine;
using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime;
using Amazon.DynamoDBv2;
using Amazon.Runtime.Credentials;
using Amazon.S3;
using Amazon.SQS;
using FilePipeline.Cli.Stack;
using FilePipeline.Provisioning;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace FilePipeline.Cli.Commands;

/// <summary>
/// Where a verb operates: a stack by name, in AWS or behind an emulator endpoint. Endpoints, region and
/// credentials come from the SDK's own settings (<c>AWS_ENDPOINT_URL</c>, <c>AWS_REGION</c>, <c>AWS_PROFILE</c>,
/// the default credential chain) unless <c>--endpoint</c> / <c>--region</c> say otherwise, so a verb
/// behaves the same against the local emulator and the cloud.
/// </summary>
public sealed record StackTarget(string StackName, Uri? Endpoint, string? Region)
{
    public static Option<string> StackOption() => new("--stack")
    {
        Description = "Name of the stack to operate on.",
        DefaultValueFactory = _ => "file-pipeline",
    };

    public static Option<string?> EndpointOption() => new("--endpoint")
    {
        Description = "AWS endpoint URL of an emulator (moto, LocalStack). Default: AWS_ENDPOINT_URL, else AWS itself.",
    };

    public static Option<string?> RegionOption() => new("--region")
    {
        Description = "AWS region. Default: AWS_REGION (us-east-1 against an emulator).",
    };

    /// <summary>Adds --stack, --endpoint and --region to <paramref name="command"/> and returns a reader for them.</summary>
    public static Func<ParseResult, StackTarget> AddOptions(Command command)
    {
        var stack = StackOption();
        var endpoint = EndpointOption();
        var region = RegionOption();
        command.Options.Add(stack);
        command.Options.Add(endpoint);
        command.Options.Add(region);
        return result =>
        {
            var url = result.GetValue(endpoint) ?? Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL");
            return new StackTarget(
                result.GetValue(stack)!,
                string.IsNullOrWhiteSpace(url) ? null : new Uri(url.TrimEnd('/')),
                result.GetValue(region) ?? Environment.GetEnvironmentVariable("AWS_REGION"));
        };
    }

    /// <summary>True when talking to an emulator rather than AWS.</summary>
    public bool IsLocal => Endpoint is not null;

    /// <summary>
    /// AWSSDK.Extensions.NETCore.Setup's options for this target: the SDK's own settings (<c>AWS_*</c>, the profile,
    /// the credential chain) with <c>--endpoint</c> and <c>--region</c> on top.
    /// </summary>
    public AWSOptions AwsOptions()
    {
        PrepareCredentials();
        return new ConfigurationBuilder().AddEnvironmentVariables().Build().GetAWSOptions().ForEndpoint(Endpoint, Region);
    }

    public IAmazonS3 CreateS3() => AwsOptions().CreateAwsClient<IAmazonS3>();

    public IAmazonSQS CreateSqs() => AwsOptions().CreateAwsClient<IAmazonSQS>();

    public IAmazonDynamoDB CreateDynamoDb() => AwsOptions().CreateAwsClient<IAmazonDynamoDB>();

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
