using Microsoft.Extensions.Hosting;
using Amazon.Extensions.NETCore.Setup;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using FilePipeline.Tests.Emulator;

namespace FilePipeline.Tests.Reliability;

public sealed class FaultProxyTests(MotoFixture moto)
{
    private static readonly BasicAWSCredentials Credentials = new("test", "test");

    [Fact]
    public async Task Retrying_client_gets_every_object_through_a_thirty_percent_fault_rate()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var proxy = await FaultProxy.StartAsync(moto.Url, faultRate: 0, cancellationToken: ct);
        proxy.AddedLatency = TimeSpan.FromMilliseconds(50);
        using var s3 = S3Through(proxy, maxErrorRetry: 12);
        var bucket = MotoFixture.UniqueName("faults");
        await s3.PutBucketAsync(bucket, ct);

        proxy.FaultRate = 0.3;
        var keys = Enumerable.Range(0, 40).Select(i => $"item-{i}").ToArray();
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (key, token) =>
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = key }, token));
        var bodies = new List<string>();
        foreach (var key in keys)
        {
            using var response = await s3.GetObjectAsync(bucket, key, ct);
            using var reader = new StreamReader(response.ResponseStream);
            bodies.Add(await reader.ReadToEndAsync(ct));
        }

        Assert.Equal(keys, bodies);
        Assert.All(Enum.GetValues<FaultKind>(), kind => Assert.True(proxy.CountOf(kind) > 0, $"no {kind} was injected"));
        var rate = proxy.Faulted / (double)(proxy.Faulted + proxy.Forwarded);
        Assert.InRange(rate, 0.15, 0.45);
    }

    [Fact]
    public async Task Throttling_errors_have_each_services_own_shape()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var proxy = await FaultProxy.StartAsync(moto.Url, faultRate: 1, cancellationToken: ct);
        proxy.Kinds = [FaultKind.Throttle];
        using var s3 = S3Through(proxy, maxErrorRetry: 0);
        using var dynamo = Through(proxy, maxErrorRetry: 0).CreateAwsClient<IAmazonDynamoDB>();

        var s3Error = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.ListBucketsAsync(ct));
        var dynamoError = await Assert.ThrowsAnyAsync<AmazonDynamoDBException>(() => dynamo.ListTablesAsync(ct));

        Assert.Equal("SlowDown", s3Error.ErrorCode);
        Assert.Equal("ThrottlingException", dynamoError.ErrorCode);
        Assert.Equal(0, proxy.Forwarded);
    }

    private IAmazonS3 S3Through(FaultProxy proxy, int maxErrorRetry) => Through(proxy, maxErrorRetry).CreateAwsClient<IAmazonS3>();

    /// <summary>The emulator's client options, pointed at the proxy in front of it.</summary>
    private AWSOptions Through(FaultProxy proxy, int maxErrorRetry)
    {
        var options = new AWSOptions { Credentials = Credentials }.ForEndpoint(proxy.Url, moto.Region);
        options.DefaultClientConfig.MaxErrorRetry = maxErrorRetry;
        options.DefaultClientConfig.Timeout = TimeSpan.FromSeconds(10);
        return options;
    }
}
