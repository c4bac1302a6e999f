using Amazon;
using Amazon.SQS;
using Amazon.SQS.Model;
using FilePipeline.Tests.Infrastructure;

namespace FilePipeline.Tests.AwsClients;

/// <summary>Where the no-argument client sends its requests: the SDK's own environment conventions.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class SqsEndpointTests(MotoFixture moto)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Dictionary<string, string?> Environment(string? sqsEndpoint, string? globalEndpoint) => new()
    {
        ["AWS_ENDPOINT_URL_SQS"] = sqsEndpoint,
        ["AWS_ENDPOINT_URL"] = globalEndpoint,
        ["AWS_REGION"] = moto.Region,
        ["AWS_ACCESS_KEY_ID"] = "test",
        ["AWS_SECRET_ACCESS_KEY"] = "test",
        ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = null,
    };

    [Fact]
    public async Task No_argument_client_uses_AWS_ENDPOINT_URL_SQS()
    {
        using var scope = new EnvironmentScope(Environment(moto.Url.ToString(), "http://127.0.0.1:9/"));
        using var sqs = new AmazonSQSClient();
        var name = MotoFixture.UniqueName("sqs-env");

        var created = await sqs.CreateQueueAsync(new CreateQueueRequest(name), Ct);

        Assert.EndsWith("/" + name, created.QueueUrl);
        Assert.Equal(RegionEndpoint.GetBySystemName(moto.Region), sqs.Config.RegionEndpoint);
    }

    [Fact]
    public async Task No_argument_client_falls_back_to_AWS_ENDPOINT_URL()
    {
        using var scope = new EnvironmentScope(Environment(null, moto.Url.ToString()));
        using var sqs = new AmazonSQSClient();
        var name = MotoFixture.UniqueName("sqs-envg");

        var created = await sqs.CreateQueueAsync(new CreateQueueRequest(name), Ct);

        Assert.EndsWith("/" + name, created.QueueUrl);
    }

    [Fact]
    public async Task ServiceURL_wins_over_the_environment()
    {
        using var scope = new EnvironmentScope(Environment("http://127.0.0.1:9/", "http://127.0.0.1:9/"));
        using var sqs = new AmazonSQSClient(new AmazonSQSConfig { ServiceURL = moto.Url.ToString(), AuthenticationRegion = moto.Region });
        var name = MotoFixture.UniqueName("sqs-svcurl");

        var created = await sqs.CreateQueueAsync(new CreateQueueRequest(name), Ct);

        Assert.EndsWith("/" + name, created.QueueUrl);
    }

    [Fact]
    public void Without_an_override_the_endpoint_is_the_regional_one()
    {
        using var scope = new EnvironmentScope(Environment(null, null));
        using var sqs = new AmazonSQSClient(new AmazonSQSConfig { RegionEndpoint = RegionEndpoint.EUWest1 });

        var endpoint = sqs.DetermineServiceOperationEndpoint(new GetQueueUrlRequest("q"));

        Assert.Equal("https://sqs.eu-west-1.amazonaws.com", endpoint.URL);
    }
}
