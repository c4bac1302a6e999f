using System.Diagnostics;
using System.Text;
using Amazon.SQS.Model;
using FilePipeline.FileRecords;
using FilePipeline.Processor.Handling;
using FilePipeline.Processor.Validation;
using FilePipeline.Tests.Emulator;

namespace FilePipeline.Tests.Reliability;

public sealed class PoisonMessageTests(MotoFixture moto)
{
    [Fact]
    public async Task Poison_messages_reach_the_dead_letter_queue_and_block_nothing_behind_them()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = await PipelineStack.CreateAsync(moto, maxReceiveCount: 2, visibilityTimeoutSeconds: 30, ct);
        await stack.S3.PutObjectAsync(new() { BucketName = stack.Bucket, Key = "before.txt", ContentBody = "uploaded before the poison" }, ct);
        var poison = new Dictionary<string, string>
        {
            ["malformed JSON"] = """{"Records":[{"eventSource":"aws:s3","s3":{"bucket":""",
            ["not an S3 event"] = """{"Type":"Notification","Message":"{\"orderId\":42,\"status\":\"shipped\"}"}""",
            ["256 KB body"] = "{\"padding\":\"" + new string('x', 250 * 1024) + "\"}",
            ["10,000 records"] = "{\"Records\":[" + string.Join(',', Enumerable.Repeat("{\"s3\":{}}", 10_000)) + "]}",
        };
        foreach (var body in poison.Values)
        {
            await stack.Sqs.SendMessageAsync(new SendMessageRequest(stack.QueueUrl, body), ct);
        }

        await stack.S3.PutObjectAsync(new() { BucketName = stack.Bucket, Key = "after.txt", ContentBody = "uploaded after the poison" }, ct);
        var logger = new CollectingLogger<ObjectEventHandler>();
        var handler = new ObjectEventHandler(stack.S3, stack.Store, ValidationPolicy.From(new()), logger, TimeProvider.System, stack.Bucket);
        var drain = new BatchDrain(stack.Sqs, stack.QueueUrl, new BatchProcessor(handler, 4, new CollectingLogger<BatchProcessor>()));

        var stopwatch = Stopwatch.StartNew();
        await drain.RunAsync(TimeSpan.FromSeconds(90), ct);
        var deadLetters = await stack.DrainDeadLettersAsync(ct);
        var records = await stack.RecordsAsync(ct);

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"poison: {poison.Count} poison + 2 files drained in {stopwatch.Elapsed.TotalSeconds:F1} s, {drain.Batches} batches, " +
            $"{drain.Failures} failed deliveries, {deadLetters.Count} in the DLQ, {records.Count} records");
        Assert.Equal(poison.Values.Order(StringComparer.Ordinal), deadLetters.Order(StringComparer.Ordinal));
        Assert.Equal(["after.txt", "before.txt"], records.Select(record => record.Key).Order(StringComparer.Ordinal));
        Assert.All(records, record => Assert.Equal((RecordStatus.Processed, 1), (record.Status, record.Attempts)));
        var classifications = logger.Entries.Where(entry => entry.Event == "NotAnS3Event").Select(entry => entry.Message).ToList();
        Assert.Equal(poison.Count * 2, classifications.Count); // each poison message is classified on each of its two receives
        Assert.Contains(classifications, message => message.Contains("malformed JSON", StringComparison.Ordinal));
        Assert.Contains(classifications, message => message.Contains("holds 10000 entries", StringComparison.Ordinal));
        Assert.Contains(classifications, message => message.Contains($"body {250 * 1024 + 14} chars", StringComparison.Ordinal));
        Assert.Equal(0, await stack.DepthAsync(stack.QueueUrl, ct));
    }

    [Fact]
    public async Task Event_for_a_bucket_the_pipeline_does_not_own_reaches_the_dead_letter_queue_untouched()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = await PipelineStack.CreateAsync(moto, maxReceiveCount: 2, visibilityTimeoutSeconds: 30, ct);
        var foreign = MotoFixture.UniqueName("foreign");
        await stack.S3.PutBucketAsync(foreign, ct);
        await stack.S3.PutObjectAsync(new() { BucketName = foreign, Key = "secret.txt", ContentBody = "not the pipeline's" }, ct);
        var misrouted = Notification(foreign, "secret.txt");
        await stack.Sqs.SendMessageAsync(new SendMessageRequest(stack.QueueUrl, misrouted), ct);
        await stack.S3.PutObjectAsync(new() { BucketName = stack.Bucket, Key = "own.txt", ContentBody = "the pipeline's own" }, ct);
        var logger = new CollectingLogger<ObjectEventHandler>();
        var handler = new ObjectEventHandler(stack.S3, stack.Store, ValidationPolicy.From(new()), logger, TimeProvider.System, stack.Bucket);
        var drain = new BatchDrain(stack.Sqs, stack.QueueUrl, new BatchProcessor(handler, 4, new CollectingLogger<BatchProcessor>()));

        await drain.RunAsync(TimeSpan.FromSeconds(60), ct);

        var records = await stack.RecordsAsync(ct);
        var deadLetters = await stack.DrainDeadLettersAsync(ct);
        var classifications = logger.Entries.Where(entry => entry.Event == "ForeignBucket").Select(entry => entry.Message).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"foreign bucket: {drain.Failures} failed deliveries, {deadLetters.Count} in the DLQ, records [{string.Join(", ", records.Select(r => $"{r.Bucket}/{r.Key} {r.Status}"))}]; " +
            $"logged: {classifications.FirstOrDefault()}");
        Assert.Equal([misrouted], deadLetters);
        Assert.Equal([(stack.Bucket, "own.txt", RecordStatus.Processed)], records.Select(r => (r.Bucket, r.Key, r.Status)));
        Assert.Equal(2, classifications.Count); // classified on each of its two receives, then moved by the redrive policy
        Assert.Contains($"s3://{foreign}/secret.txt, a bucket the pipeline does not own", classifications[0], StringComparison.Ordinal);
        Assert.Equal(0, await stack.DepthAsync(stack.QueueUrl, ct));
    }

    [Fact]
    public async Task Without_a_configured_bucket_events_for_every_bucket_are_processed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = await PipelineStack.CreateAsync(moto, maxReceiveCount: 2, visibilityTimeoutSeconds: 30, ct);
        var other = MotoFixture.UniqueName("other");
        await stack.S3.PutBucketAsync(other, ct);
        await stack.S3.PutObjectAsync(new() { BucketName = other, Key = "elsewhere.txt", ContentBody = "another bucket" }, ct);
        await stack.Sqs.SendMessageAsync(new SendMessageRequest(stack.QueueUrl, Notification(other, "elsewhere.txt")), ct);
        var handler = new ObjectEventHandler(stack.S3, stack.Store, ValidationPolicy.From(new()), new CollectingLogger<ObjectEventHandler>(), TimeProvider.System, ownBucket: null);
        var drain = new BatchDrain(stack.Sqs, stack.QueueUrl, new BatchProcessor(handler, 4, new CollectingLogger<BatchProcessor>()));

        await drain.RunAsync(TimeSpan.FromSeconds(60), ct);

        var records = await stack.RecordsAsync(ct);
        Assert.Equal([(other, "elsewhere.txt", RecordStatus.Processed)], records.Select(r => (r.Bucket, r.Key, r.Status)));
        Assert.Empty(await stack.DrainDeadLettersAsync(ct));
    }

    internal static string Notification(string bucket, string encodedKey) =>
        new StringBuilder()
            .Append("""{"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1","eventTime":"2026-11-22T04:00:00.000Z","eventName":"ObjectCreated:Put",""")
            .Append("\"s3\":{\"bucket\":{\"name\":\"").Append(bucket).Append("\"},\"object\":{\"key\":\"").Append(encodedKey).Append("\",\"size\":18}}}]}")
            .ToString();
}
