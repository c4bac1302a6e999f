using System.Text;
using System.Text.RegularExpressions;
using Amazon.S3.Model;
using Amazon.SQS.Model;
using FilePipeline.Tests.Emulator;

namespace FilePipeline.Tests.Infra;

/// <summary>
/// A bucket that exists before the pipeline and that another consumer already listens to: a queue, a topic and a
/// function configuration on prefixes of their own, and one without a filter on another event. Their configuration is
/// set by a raw PUT of S3's XML (not through the code under test) and read back raw, so a test can compare the bytes
/// S3 serves before and after.
/// </summary>
internal sealed partial class SharedBucket
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private readonly Uri _endpoint;

    private SharedBucket(Uri endpoint, string name, string theirQueueUrl, string original)
    {
        _endpoint = endpoint;
        Name = name;
        TheirQueueUrl = theirQueueUrl;
        Original = original;
    }

    public string Name { get; }

    /// <summary>The other consumer's queue (their <c>thumbnails</c> and <c>restores</c> entries send to it).</summary>
    public string TheirQueueUrl { get; }

    /// <summary>GetBucketNotificationConfiguration's XML before the pipeline came.</summary>
    public string Original { get; }

    /// <summary>The other consumer's entries in <see cref="Original"/>, each as the bytes S3 served.</summary>
    public IReadOnlyList<string> TheirConfigurations => Configurations(Original);

    public static async Task<SharedBucket> CreateAsync(MotoAws aws, Uri endpoint, CancellationToken cancellationToken)
    {
        var name = MotoFixture.UniqueName("shared");
        await aws.S3.PutBucketAsync(new PutBucketRequest { BucketName = name }, cancellationToken);
        var queueUrl = (await aws.Sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = MotoFixture.UniqueName("theirs") }, cancellationToken)).QueueUrl!;
        var queueArn = (await aws.Sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = queueUrl, AttributeNames = ["QueueArn"] }, cancellationToken))
            .Attributes!["QueueArn"];
        var configuration = $"""
            <NotificationConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
              <QueueConfiguration><Id>thumbnails</Id><Queue>{queueArn}</Queue><Event>s3:ObjectCreated:*</Event>
                <Filter><S3Key><FilterRule><Name>prefix</Name><Value>thumbnails/</Value></FilterRule></S3Key></Filter></QueueConfiguration>
              <QueueConfiguration><Id>restores</Id><Queue>{queueArn}</Queue><Event>s3:ObjectRestore:Completed</Event></QueueConfiguration>
              <TopicConfiguration><Id>archive-deletes</Id><Topic>arn:aws:sns:us-east-1:123456789012:archive-audit</Topic><Event>s3:ObjectRemoved:*</Event>
                <Filter><S3Key><FilterRule><Name>prefix</Name><Value>archive/</Value></FilterRule></S3Key></Filter></TopicConfiguration>
              <CloudFunctionConfiguration><Id>virus-scan</Id><CloudFunction>arn:aws:lambda:us-east-1:123456789012:function:virus-scan</CloudFunction>
                <Event>s3:ObjectCreated:Put</Event><Event>s3:ObjectCreated:Post</Event>
                <Filter><S3Key><FilterRule><Name>prefix</Name><Value>quarantine/</Value></FilterRule><FilterRule><Name>suffix</Name><Value>.exe</Value></FilterRule></S3Key></Filter></CloudFunctionConfiguration>
            </NotificationConfiguration>
            """;
        using (var put = await Http.PutAsync(new Uri(endpoint, $"{name}?notification"), new StringContent(configuration, Encoding.UTF8, "application/xml"), cancellationToken))
        {
            Assert.True(put.IsSuccessStatusCode, $"PUT notification: {(int)put.StatusCode} {await put.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var original = await ReadAsync(endpoint, name, cancellationToken);
        Assert.Equal(4, Configurations(original).Count);
        return new SharedBucket(endpoint, name, queueUrl, original);
    }

    /// <summary>GetBucketNotificationConfiguration's XML as S3 serves it now.</summary>
    public Task<string> ReadAsync(CancellationToken cancellationToken) => ReadAsync(_endpoint, Name, cancellationToken);

    /// <summary>The queue, topic and function configurations in <paramref name="xml"/> that are not the pipeline's, in order, as served.</summary>
    public static IReadOnlyList<string> Configurations(string xml) =>
        [.. ConfigurationElement().Matches(xml).Select(m => m.Value).Where(c => !c.Contains("<Id>FilePipeline-", StringComparison.Ordinal))];

    /// <summary>The pipeline's configurations in <paramref name="xml"/>, as served.</summary>
    public static IReadOnlyList<string> PipelineConfigurations(string xml) =>
        [.. ConfigurationElement().Matches(xml).Select(m => m.Value).Where(c => c.Contains("<Id>FilePipeline-", StringComparison.Ordinal))];

    private static async Task<string> ReadAsync(Uri endpoint, string name, CancellationToken cancellationToken)
    {
        using var response = await Http.GetAsync(new Uri(endpoint, $"{name}?notification"), cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    [GeneratedRegex("<(Queue|Topic|CloudFunction)Configuration>.*?</\\1Configuration>", RegexOptions.Singleline)]
    private static partial Regex ConfigurationElement();
}
