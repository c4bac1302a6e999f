using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using FilePipeline.Tests.Emulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FilePipeline.Tests.AwsClients;

/// <summary>
/// The one place services build AWS clients (<see cref="AwsClientExtensions.AddAwsClient{T}"/>), configured only by
/// the SDK's own variables, as the AppHost and Lambda configure the processor and the viewer. Process environment,
/// so these run alone.
/// </summary>
[Collection(EnvironmentCollection.Name)]
public sealed class AwsClientSetupTests(MotoFixture moto) : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Service_specific_endpoint_wins_over_AWS_ENDPOINT_URL_and_S3_is_addressed_by_path()
    {
        var unused = $"http://127.0.0.1:{ClosedPort()}";
        using var scope = Environment(new()
        {
            ["AWS_ENDPOINT_URL"] = unused,
            ["AWS_ENDPOINT_URL_S3"] = moto.Url.ToString(),
            ["AWS_ENDPOINT_URL_SQS"] = moto.Url.ToString(),
            ["AWS_REGION"] = "eu-west-1",
        });
        using var host = Host();
        var s3 = host.Services.GetRequiredService<IAmazonS3>();
        var sqs = host.Services.GetRequiredService<IAmazonSQS>();
        var dynamo = host.Services.GetRequiredService<IAmazonDynamoDB>();

        var bucket = MotoFixture.UniqueName("setup");
        using (var admin = moto.Client<IAmazonS3>())
        {
            // Created in moto's own region (it refuses a location constraint for another): the test is about the client below.
            await admin.PutBucketAsync(bucket, Ct);
        }

        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "a b.txt", ContentBody = "through the one place" }, Ct);
        using var read = await s3.GetObjectAsync(bucket, "a b.txt", Ct);
        using var reader = new StreamReader(read.ResponseStream);
        Assert.Equal("through the one place", await reader.ReadToEndAsync(Ct));
        Assert.Equal($"{moto.Url}{bucket}/", s3.DetermineServiceOperationEndpoint(new GetObjectRequest { BucketName = bucket, Key = "k" }).URL);
        Assert.Equal("eu-west-1", s3.Config.AuthenticationRegion);
        Assert.NotNull(await sqs.ListQueuesAsync(new Amazon.SQS.Model.ListQueuesRequest(), Ct));
        Assert.Equal(unused + "/", dynamo.Config.ServiceURL);
    }

    [Fact]
    public async Task An_endpoint_without_a_region_signs_for_us_east_1()
    {
        using var scope = Environment(new()
        {
            ["AWS_ENDPOINT_URL"] = moto.Url.ToString(),
            ["AWS_REGION"] = null,
            ["AWS_DEFAULT_REGION"] = null,
            ["AWS_EC2_METADATA_DISABLED"] = "true",
        });
        using var host = Host();
        var sqs = host.Services.GetRequiredService<IAmazonSQS>();

        Assert.Equal(AwsClientExtensions.EmulatorRegion, sqs.Config.AuthenticationRegion);
        Assert.NotNull(await sqs.ListQueuesAsync(new Amazon.SQS.Model.ListQueuesRequest(), Ct));
    }

    [Fact]
    public void Without_an_endpoint_clients_address_AWS_for_the_region_and_S3_by_virtual_host()
    {
        using var scope = Environment(new() { ["AWS_REGION"] = "eu-west-1" });
        using var host = Host();
        var s3 = host.Services.GetRequiredService<IAmazonS3>();
        var sqs = host.Services.GetRequiredService<IAmazonSQS>();

        Assert.Equal("https://bkt.s3.eu-west-1.amazonaws.com/", s3.DetermineServiceOperationEndpoint(new GetObjectRequest { BucketName = "bkt", Key = "k" }).URL);
        Assert.Equal("https://sqs.eu-west-1.amazonaws.com", sqs.DetermineServiceOperationEndpoint(new Amazon.SQS.Model.ListQueuesRequest()).URL.TrimEnd('/'));
        Assert.Null(s3.Config.AuthenticationRegion);
    }

    [Fact]
    public void The_AWS_configuration_section_names_the_region_and_a_client_registered_before_wins()
    {
        using var scope = Environment(new() { ["AWS__Region"] = "ap-southeast-2", ["AWS_REGION"] = "eu-west-1" });
        using var own = new AmazonSQSClient(new BasicAWSCredentials("test", "test"), Amazon.RegionEndpoint.USWest2);
        using var host = Host(services => services.AddSingleton<IAmazonSQS>(own));

        Assert.Equal("ap-southeast-2", host.Services.GetRequiredService<IAmazonS3>().Config.RegionEndpoint?.SystemName);
        Assert.Same(own, host.Services.GetRequiredService<IAmazonSQS>());
    }

    /// <summary>The SDK caches the region it found in the environment; each test starts from its own.</summary>
    public void Dispose() => FallbackRegionFactory.Reset();

    /// <summary>A host configured from the environment only, with the three clients the services register.</summary>
    private static IHost Host(Action<IServiceCollection>? before = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddEnvironmentVariables();
        before?.Invoke(builder.Services);
        builder.Services.AddAwsClient<IAmazonS3>();
        builder.Services.AddAwsClient<IAmazonSQS>();
        builder.Services.AddAwsClient<IAmazonDynamoDB>();
        return builder.Build();
    }

    /// <summary>The SDK's settings for this test alone: nothing of the machine's own AWS_* leaks in; test credentials.</summary>
    private static EnvironmentScope Environment(Dictionary<string, string?> values)
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["AWS_ENDPOINT_URL"] = null,
            ["AWS_ENDPOINT_URL_S3"] = null,
            ["AWS_ENDPOINT_URL_SQS"] = null,
            ["AWS_ENDPOINT_URL_DYNAMODB"] = null,
            ["AWS_PROFILE"] = null,
            ["AWS_ACCESS_KEY_ID"] = "test",
            ["AWS_SECRET_ACCESS_KEY"] = "test",
        };
        foreach (var (name, value) in values)
        {
            settings[name] = value;
        }

        var scope = new EnvironmentScope(settings);
        FallbackRegionFactory.Reset();
        return scope;
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
