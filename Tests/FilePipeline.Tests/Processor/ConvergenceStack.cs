using System.Text;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using FilePipeline.FileRecords;
using FilePipeline.Operations;
using FilePipeline.Processor;
using FilePipeline.Processor.Handling;
using FilePipeline.Processor.Scanning;
using FilePipeline.Processor.Validation;
using FilePipeline.Tests.FileRecords;
using FilePipeline.Tests.Emulator;
using Microsoft.Extensions.Logging.Abstractions;

namespace FilePipeline.Tests.Processor;

/// <summary>Content a test uploads, with what a scan of it must find.</summary>
internal sealed record Content(byte[] Bytes, string ContentType, ContentFacts Facts)
{
    /// <summary>Text <c>version n / line two</c>: 4 words, 2 lines.</summary>
    public static Content Text(int n) =>
        new(Encoding.UTF8.GetBytes($"version {n}\nline two\n"), "text/plain", new ContentFacts(MediaTypes.Text, WordCount: 4, LineCount: 2));

    /// <summary>A PNG of (n + 1) × 2 pixels.</summary>
    public static Content Png(int n) =>
        new(Samples.Png(n + 1, 2), "image/png", new ContentFacts(MediaTypes.Png, ImageWidth: n + 1, ImageHeight: 2));
}

/// <summary>
/// Two buckets on the shared emulator, one plain and one versioned, whose notifications (moto's real ones) go to one
/// queue; the record table; and a handler wired to them. The queue is where <see cref="Backfill"/> and
/// <see cref="Reconcile"/> send their events too: a test takes messages from it and decides when, how often and in
/// which order a handler sees them. Conditional writes are atomic, as in DynamoDB (<see cref="AtomicConditionalWrites"/>).
/// </summary>
internal sealed class ConvergenceStack : IAsyncDisposable
{
    private static readonly TimeSpan ReceivePatience = TimeSpan.FromSeconds(30);

    private ConvergenceStack(MotoFixture moto)
    {
        var credentials = new BasicAWSCredentials("test", "test");
        Region = moto.Region;
        S3 = new AmazonS3Client(credentials, new AmazonS3Config { ServiceURL = moto.Url.ToString(), AuthenticationRegion = moto.Region, ForcePathStyle = true });
        Dynamo = new AmazonDynamoDBClient(credentials, new AmazonDynamoDBConfig
        {
            ServiceURL = moto.Url.ToString(),
            AuthenticationRegion = moto.Region,
            HttpClientFactory = new AtomicConditionalWrites(),
        });
        Sqs = new AmazonSQSClient(credentials, new AmazonSQSConfig { ServiceURL = moto.Url.ToString(), AuthenticationRegion = moto.Region });
        Store = new RecordStore(Dynamo, Table);
    }

    public string Region { get; }

    public AmazonS3Client S3 { get; }

    public AmazonDynamoDBClient Dynamo { get; }

    public AmazonSQSClient Sqs { get; }

    public RecordStore Store { get; }

    /// <summary>A bucket without versioning: every put and delete is an event.</summary>
    public string Bucket { get; } = MotoFixture.UniqueName("plain");

    /// <summary>A versioned bucket: a delete makes a delete marker, for which moto sends no event.</summary>
    public string VersionedBucket { get; } = MotoFixture.UniqueName("versioned");

    public string Table { get; } = MotoFixture.UniqueName("records");

    public string QueueUrl { get; private set; } = "";

    public static async Task<ConvergenceStack> CreateAsync(MotoFixture moto, CancellationToken cancellationToken)
    {
        var stack = new ConvergenceStack(moto);
        await stack.S3.PutBucketAsync(stack.Bucket, cancellationToken);
        await stack.S3.PutBucketAsync(stack.VersionedBucket, cancellationToken);
        await stack.S3.PutBucketVersioningAsync(new PutBucketVersioningRequest
        {
            BucketName = stack.VersionedBucket,
            VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Enabled },
        }, cancellationToken);
        await stack.Dynamo.CreateTableAsync(RecordTable.CreateTableRequest(stack.Table), cancellationToken);
        stack.QueueUrl = (await stack.Sqs.CreateQueueAsync(new CreateQueueRequest(MotoFixture.UniqueName("events")), cancellationToken)).QueueUrl!;
        var queueArn = (await stack.Sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest(stack.QueueUrl, [QueueAttributeName.QueueArn]), cancellationToken)).QueueARN;
        foreach (var bucket in new[] { stack.Bucket, stack.VersionedBucket })
        {
            await stack.S3.PutBucketNotificationAsync(new PutBucketNotificationRequest
            {
                BucketName = bucket,
                QueueConfigurations = [new QueueConfiguration { Queue = queueArn, Events = [EventType.ObjectCreatedAll, EventType.ObjectRemovedAll] }],
            }, cancellationToken);
        }

        await stack.ReceiveAsync(0, cancellationToken); // the two s3:TestEvents the configurations sent
        return stack;
    }

    /// <summary>A client like <see cref="S3"/> whose GetObject responses come <paramref name="delay"/> late (<see cref="SlowObjectReads"/>).</summary>
    public AmazonS3Client SlowS3(TimeSpan delay) => new(new BasicAWSCredentials("test", "test"), new AmazonS3Config
    {
        ServiceURL = S3.Config.ServiceURL,
        AuthenticationRegion = Region,
        ForcePathStyle = true,
        HttpClientFactory = new SlowObjectReads(delay),
    });

    public ObjectEventHandler Handler(IAmazonS3? s3 = null) =>
        new(s3 ?? S3, Store, ValidationPolicy.From(new ProcessorOptions()), NullLogger<ObjectEventHandler>.Instance, TimeProvider.System);

    /// <summary>Uploads <paramref name="content"/> and returns the object state it made.</summary>
    public async Task<ObjectState> PutAsync(string bucket, string key, Content content, CancellationToken cancellationToken)
    {
        var response = await S3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = key,
            InputStream = new MemoryStream(content.Bytes),
            ContentType = content.ContentType,
        }, cancellationToken);
        return ObjectState.Put(bucket, key, content.Bytes, response, content.ContentType, content.Facts);
    }

    /// <summary>Deletes the object (on the versioned bucket: puts a delete marker) and returns its version id, if any.</summary>
    public async Task<string?> DeleteAsync(string bucket, string key, CancellationToken cancellationToken) =>
        (await S3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = key }, cancellationToken)).VersionId;

    /// <summary>
    /// Takes the next <paramref name="count"/> S3 event messages off the queue (moto sends its notifications before it
    /// answers the request that caused them), dropping <c>s3:TestEvent</c>s; then waits for the queue to be empty,
    /// so a test also learns that nothing more was sent.
    /// </summary>
    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int count, CancellationToken cancellationToken)
    {
        var messages = new List<QueueMessage>();
        var deadline = DateTime.UtcNow + ReceivePatience;
        while (true)
        {
            var response = await Sqs.ReceiveMessageAsync(new ReceiveMessageRequest(QueueUrl)
            {
                MaxNumberOfMessages = 10,
                WaitTimeSeconds = messages.Count < count ? 1 : 0,
                VisibilityTimeout = 300,
            }, cancellationToken);
            var received = response.Messages ?? [];
            if (received.Count > 0)
            {
                await Sqs.DeleteMessageBatchAsync(new DeleteMessageBatchRequest(QueueUrl,
                    [.. received.Select((m, i) => new DeleteMessageBatchRequestEntry(i.ToString(System.Globalization.CultureInfo.InvariantCulture), m.ReceiptHandle!))]),
                    cancellationToken);
            }

            messages.AddRange(received
                .Where(m => !m.Body!.Contains("\"s3:TestEvent\"", StringComparison.Ordinal))
                .Select(m => new QueueMessage(m.MessageId!, m.Body!, 1, null, "events")));
            if (messages.Count >= count && received.Count == 0 && await DepthAsync(cancellationToken) == 0)
            {
                Assert.True(messages.Count == count, $"expected {count} event messages, received {messages.Count}:\n{string.Join('\n', messages.Select(m => m.Body))}");
                return messages;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {ReceivePatience.TotalSeconds} s for {count} event messages; received {messages.Count}.");
            }
        }
    }

    public Reconcile Reconcile(string bucket, int pageSize = 1000) => new(S3, Sqs, Dynamo, bucket, QueueUrl, Table, pageSize);

    public Backfill Backfill(string bucket) => new(S3, Sqs, bucket, QueueUrl, Region);

    public ValueTask DisposeAsync()
    {
        S3.Dispose();
        Dynamo.Dispose();
        Sqs.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<int> DepthAsync(CancellationToken cancellationToken)
    {
        var attributes = await Sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest(QueueUrl,
            [QueueAttributeName.ApproximateNumberOfMessages, QueueAttributeName.ApproximateNumberOfMessagesNotVisible]), cancellationToken);
        return attributes.ApproximateNumberOfMessages + attributes.ApproximateNumberOfMessagesNotVisible;
    }
}
