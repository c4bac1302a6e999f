using Amazon.Extensions.NETCore.Setup;
using Microsoft.Extensions.Hosting;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using Amazon;
using FilePipeline.FileRecords;
using FilePipeline.Provisioning;
using FilePipeline.Tests.FileRecords;
using FilePipeline.Tests.Infra;
using FilePipeline.Tests.Emulator;

namespace FilePipeline.Tests.Reliability;

/// <summary>
/// One pipeline's resources on the shared emulator, uniquely named: a bucket whose notifications go to a queue,
/// the queue with a redrive policy to its dead-letter queue, and the record table, with clients for each.
/// <see cref="ProvisionAsync"/> provisions them from the real template (infra/filepipeline.yaml) with the
/// product's <see cref="StackProvisioner"/>; <see cref="CreateAsync(MotoFixture, int, int, CancellationToken)"/>
/// creates them by API where a test needs a receive count or visibility timeout the template does not offer locally.
/// </summary>
internal sealed class PipelineStack : IAsyncDisposable
{
    public static readonly BasicAWSCredentials Credentials = new("test", "test");

    private PipelineStack(Uri endpoint, string region, string bucket, string table)
    {
        Endpoint = endpoint;
        Region = region;
        Bucket = bucket;
        Table = table;
        var aws = new AWSOptions { Credentials = Credentials }.ForEndpoint(endpoint, region);
        aws.DefaultClientConfig.Timeout = TimeSpan.FromMinutes(5); // large uploads through a throttled emulator
        S3 = aws.CreateAwsClient<IAmazonS3>();
        Dynamo = aws.CreateAwsClient<IAmazonDynamoDB>();
        Sqs = aws.CreateAwsClient<IAmazonSQS>();
        Store = new RecordStore(Dynamo, Table);
    }

    public Uri Endpoint { get; }

    public string Region { get; }

    public string Bucket { get; }

    public string Table { get; }

    public string QueueUrl { get; private set; } = "";

    public string DeadLetterQueueUrl { get; private set; } = "";

    public IAmazonS3 S3 { get; }

    public IAmazonDynamoDB Dynamo { get; }

    public IAmazonSQS Sqs { get; }

    public RecordStore Store { get; }

    public static Task<PipelineStack> CreateAsync(MotoFixture moto, int maxReceiveCount, int visibilityTimeoutSeconds, CancellationToken cancellationToken) =>
        CreateAsync(moto.Url, moto.Region, MotoFixture.UniqueName("rel")[..24], maxReceiveCount, visibilityTimeoutSeconds, cancellationToken);

    public static async Task<PipelineStack> CreateAsync(
        Uri endpoint, string region, string name, int maxReceiveCount, int visibilityTimeoutSeconds, CancellationToken cancellationToken)
    {
        var stack = new PipelineStack(endpoint, region, name + "-up", name + "-rec");
        var dlq = await stack.Sqs.CreateQueueAsync(new CreateQueueRequest(name + "-dlq"), cancellationToken);
        stack.DeadLetterQueueUrl = dlq.QueueUrl!;
        var dlqArn = await stack.QueueArnAsync(stack.DeadLetterQueueUrl, cancellationToken);
        var queue = await stack.Sqs.CreateQueueAsync(new CreateQueueRequest(name + "-q")
        {
            Attributes = new()
            {
                ["VisibilityTimeout"] = visibilityTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["RedrivePolicy"] = $$"""{"deadLetterTargetArn":"{{dlqArn}}","maxReceiveCount":"{{maxReceiveCount}}"}""",
            },
        }, cancellationToken);
        stack.QueueUrl = queue.QueueUrl!;
        var queueArn = await stack.QueueArnAsync(stack.QueueUrl, cancellationToken);
        await stack.S3.PutBucketAsync(stack.Bucket, cancellationToken);
        await stack.S3.PutBucketNotificationAsync(new PutBucketNotificationRequest
        {
            BucketName = stack.Bucket,
            QueueConfigurations = [new QueueConfiguration { Queue = queueArn, Events = [EventType.ObjectCreatedAll, EventType.ObjectRemovedAll] }],
        }, cancellationToken);
        await stack.Dynamo.CreateTableAsync(RecordTable.CreateTableRequest(stack.Table), cancellationToken);
        return stack;
    }

    /// <summary>
    /// A local stack from infra/filepipeline.yaml (direct S3-to-SQS routing, the template's defaults: five receives
    /// before the DLQ), provisioned as the AppHost does it, emulator gaps included.
    /// </summary>
    public static async Task<PipelineStack> ProvisionAsync(MotoFixture moto, CancellationToken cancellationToken)
    {
        using var provisioner = new StackProvisioner(new AwsSettings(RegionEndpoint.GetBySystemName(moto.Region), Credentials, moto.Url));
        var outputs = await provisioner.ProvisionLocalAsync(MotoAws.StackName("rel"), RoutingMode.Direct, cancellationToken);
        return new PipelineStack(moto.Url, moto.Region, outputs.BucketName, outputs.TableName)
        {
            QueueUrl = outputs.QueueUrl,
            DeadLetterQueueUrl = outputs.DeadLetterQueueUrl,
        };
    }

    /// <summary>The environment a worker process needs to serve this stack (endpoint given separately, e.g. a fault proxy).</summary>
    public Dictionary<string, string> WorkerEnvironment(Uri endpoint) => new()
    {
        ["AWS_ENDPOINT_URL"] = endpoint.ToString().TrimEnd('/'),
        ["AWS_REGION"] = Region,
        ["AWS_ACCESS_KEY_ID"] = "test",
        ["AWS_SECRET_ACCESS_KEY"] = "test",
        ["AWS__Resources__BucketName"] = Bucket,
        ["AWS__Resources__QueueUrl"] = QueueUrl,
        ["AWS__Resources__DeadLetterQueueUrl"] = DeadLetterQueueUrl,
        ["AWS__Resources__TableName"] = Table,
    };

    /// <summary>Every record in the table (consistent scan, all pages).</summary>
    public async Task<List<FileRecord>> RecordsAsync(CancellationToken cancellationToken) =>
        [.. (await Dynamo.ScanAllAsync(Table, projection: null, cancellationToken)).Select(FileRecordItem.FromItem)];

    /// <summary>How many records the table holds (consistent count scan, all pages).</summary>
    public Task<int> CountRecordsAsync(CancellationToken cancellationToken) => Dynamo.CountAllAsync(Table, cancellationToken);

    /// <summary>Messages waiting in a queue and messages in flight, separately.</summary>
    public async Task<(int Visible, int InFlight)> QueueCountsAsync(string queueUrl, CancellationToken cancellationToken)
    {
        var attributes = await Sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = queueUrl,
            AttributeNames = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
        }, cancellationToken);
        return (attributes.ApproximateNumberOfMessages, attributes.ApproximateNumberOfMessagesNotVisible);
    }

    /// <summary>
    /// Uploads small text files (<c>file &lt;key&gt;</c> and a newline: two words, one line) under <paramref name="prefix"/>
    /// with bounded concurrency; returns the state each PutObject left, for <see cref="AssertRecordedOnceAsync"/>.
    /// </summary>
    public async Task<ObjectState[]> UploadAsync(string prefix, int count, int concurrency, CancellationToken cancellationToken)
    {
        var keys = Enumerable.Range(0, count).Select(i => $"{prefix}file-{i:D4}.txt").ToArray();
        var states = new ObjectState[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (i, token) =>
        {
            var content = System.Text.Encoding.UTF8.GetBytes("file " + keys[i] + "\n");
            using var body = new MemoryStream(content);
            var response = await S3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = keys[i], InputStream = body, ContentType = "text/plain" }, token);
            states[i] = ObjectState.Put(Bucket, keys[i], content, response, "text/plain", new ContentFacts("text/plain", WordCount: 2, LineCount: 1));
        });
        return states;
    }

    /// <summary>Every record in the table with its revision (the number of writes it has had).</summary>
    public async Task<List<StoredRecord>> StoredRecordsAsync(CancellationToken cancellationToken) =>
        [.. (await Dynamo.ScanAllAsync(Table, projection: null, cancellationToken)).Select(item => new StoredRecord(FileRecordItem.FromItem(item), RecordStore.Revision(item)))];

    /// <summary>
    /// What "exactly once" promises, checked on the table: one record for each object in <paramref name="states"/> and
    /// no other, each equal to its object's current state (<see cref="RecordConvergence"/>), each written once (revision 1:
    /// a redelivered or retried event for an unchanged object found its record current and wrote nothing).
    /// </summary>
    public async Task<List<StoredRecord>> AssertRecordedOnceAsync(IReadOnlyCollection<ObjectState> states, CancellationToken cancellationToken)
    {
        var stored = await StoredRecordsAsync(cancellationToken);
        Assert.Equal(states.Select(state => state.Key).Order(StringComparer.Ordinal), stored.Select(s => s.Record.Key).Order(StringComparer.Ordinal));
        var byKey = stored.ToDictionary(s => s.Record.Key, StringComparer.Ordinal);
        var differences = states.Select(state => (state.Key, Differences: RecordConvergence.Differences(byKey[state.Key].Record, state)))
            .Where(x => x.Differences.Count > 0).Select(x => $"'{x.Key}': {string.Join("; ", x.Differences)}").ToList();
        Assert.True(differences.Count == 0, $"{differences.Count} records are not their object's current state:\n{string.Join('\n', differences)}");
        var rewritten = stored.Where(s => s.Revision != 1).Select(s => $"{s.Record.Key} (revision {s.Revision}, attempts {s.Record.Attempts})").ToList();
        Assert.True(rewritten.Count == 0, $"{rewritten.Count} records were written more than once: {string.Join(", ", rewritten.Take(20))}");
        return stored;
    }

    /// <summary>Messages in a queue, visible and in flight (SQS's approximate counts, exact on moto).</summary>
    public async Task<int> DepthAsync(string queueUrl, CancellationToken cancellationToken)
    {
        var attributes = await Sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = queueUrl,
            AttributeNames = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
        }, cancellationToken);
        return attributes.ApproximateNumberOfMessages + attributes.ApproximateNumberOfMessagesNotVisible;
    }

    /// <summary>
    /// Takes every message off the dead-letter queue and returns the bodies. A short poll on moto may answer with fewer
    /// messages than the queue holds (even none), so this receives until the queue's own count says none is left visible.
    /// </summary>
    public async Task<List<string>> DrainDeadLettersAsync(CancellationToken cancellationToken)
    {
        var bodies = new List<string>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((await QueueCountsAsync(DeadLetterQueueUrl, cancellationToken)).Visible > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the dead-letter queue still shows visible messages after 60 s of receives ({bodies.Count} taken)");
            var response = await Sqs.ReceiveMessageAsync(new ReceiveMessageRequest(DeadLetterQueueUrl) { MaxNumberOfMessages = 10, WaitTimeSeconds = 1, VisibilityTimeout = 300 }, cancellationToken);
            bodies.AddRange((response.Messages ?? []).Select(message => message.Body ?? ""));
        }

        return bodies;
    }

    public ValueTask DisposeAsync()
    {
        S3.Dispose();
        Dynamo.Dispose();
        Sqs.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<string> QueueArnAsync(string queueUrl, CancellationToken cancellationToken)
    {
        var attributes = await Sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = queueUrl, AttributeNames = ["QueueArn"] }, cancellationToken);
        return attributes.QueueARN!;
    }
}
