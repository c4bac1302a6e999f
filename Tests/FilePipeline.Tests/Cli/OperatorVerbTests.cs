using System.Net;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SQS;
using Amazon.SQS.Model;
using FilePipeline.Cli;
using FilePipeline.Tests.AppHost;
using FilePipeline.FileRecords;
using FilePipeline.Provisioning;
using FilePipeline.Tests.Infra;
using FilePipeline.Tests.Emulator;

namespace FilePipeline.Tests.Cli;

/// <summary><c>status</c>, <c>redrive</c> and <c>backfill</c>, run as the real AppHost process against the shared emulator.</summary>
public sealed class OperatorVerbTests(MotoFixture moto)
{
    private static readonly TimeSpan VerbTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Status_reports_queue_depth_dlq_depth_and_records_by_status()
    {
        var ct = TestContext.Current.CancellationToken;
        var stack = await CreateStackAsync(ct);
        using var sqs = Sqs();
        for (var i = 0; i < 3; i++)
        {
            await sqs.SendMessageAsync(new SendMessageRequest(stack.QueueUrl, $"queued {i}"), ct);
        }

        await sqs.SendMessageAsync(new SendMessageRequest(stack.DeadLetterQueueUrl, "dead 1"), ct);
        await sqs.SendMessageAsync(new SendMessageRequest(stack.DeadLetterQueueUrl, "dead 2"), ct);
        await sqs.ReceiveMessageAsync(new ReceiveMessageRequest(stack.QueueUrl) { MaxNumberOfMessages = 1, VisibilityTimeout = 300 }, ct);
        using var dynamo = DynamoDb();
        foreach (var (key, status) in new[] { ("a", RecordStatus.Processed), ("b", RecordStatus.Processed), ("c", RecordStatus.Rejected) })
        {
            var record = new FileRecord { Bucket = stack.Bucket, Key = key, Status = status, EventName = "ObjectCreated:Put", ProcessedAt = DateTimeOffset.UtcNow };
            await dynamo.PutItemAsync(new PutItemRequest(stack.Table, FileRecordItem.ToItem(record)), ct);
        }

        var (exitCode, output) = await VerbAsync(stack, ["status"], ct);

        Assert.True(exitCode == ExitCodes.Success, string.Join('\n', output));
        Assert.Contains("queue     depth 2  in flight 1", output);
        Assert.Contains("dlq       depth 2  in flight 0", output);
        Assert.Contains("records   PROCESSED 2  REJECTED 1  FAILED 0  DELETED 0  MISSING 0  (total 3)", output);
    }

    [Fact]
    public async Task Redrive_moves_every_dead_letter_back_and_reports_the_count()
    {
        var ct = TestContext.Current.CancellationToken;
        var stack = await CreateStackAsync(ct);
        using var sqs = Sqs();
        var bodies = Enumerable.Range(0, 23).Select(i => $"{{\"poison\":{i},\"text\":\"ünïcode\"}}").ToList();
        foreach (var body in bodies)
        {
            await sqs.SendMessageAsync(new SendMessageRequest(stack.DeadLetterQueueUrl, body)
            {
                MessageAttributes = new() { ["origin"] = new MessageAttributeValue { DataType = "String", StringValue = "test" } },
            }, ct);
        }

        var (exitCode, output) = await VerbAsync(stack, ["redrive"], ct);

        Assert.True(exitCode == ExitCodes.Success, string.Join('\n', output));
        Assert.Contains("moved 23 messages from the dead-letter queue back to the source queue; 0 failed (client-side)", output); // moto lacks StartMessageMoveTask
        var moved = await DrainAsync(sqs, stack.QueueUrl, 23, ct);
        Assert.Equal(bodies.Order(StringComparer.Ordinal), moved.Select(m => m.Body!).Order(StringComparer.Ordinal));
        Assert.All(moved, m => Assert.Equal("test", m.MessageAttributes!["origin"].StringValue));
        Assert.Empty(await DrainAsync(sqs, stack.DeadLetterQueueUrl, 0, ct));
    }

    [Fact]
    public async Task Redrive_of_an_empty_dead_letter_queue_moves_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var stack = await CreateStackAsync(ct);

        var (exitCode, output) = await VerbAsync(stack, ["redrive"], ct);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("moved 0 messages from the dead-letter queue back to the source queue; 0 failed (client-side)", output);
    }

    [Fact]
    public async Task Backfill_enqueues_one_s3_event_per_object_under_the_prefix()
    {
        var ct = TestContext.Current.CancellationToken;
        var stack = await CreateStackAsync(ct);
        using var s3 = S3();
        var keys = Enumerable.Range(0, 12).Select(i => $"a/file {i}+x.txt").ToList();
        foreach (var key in keys.Append("b/other.txt"))
        {
            await s3.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = stack.Bucket, Key = key, ContentBody = "content of " + key }, ct);
        }

        var (exitCode, output) = await VerbAsync(stack, ["backfill", "--prefix", "a/"], ct);

        Assert.True(exitCode == ExitCodes.Success, string.Join('\n', output));
        Assert.Contains($"enqueued 12 events for 12 objects under 'a/' in s3://{stack.Bucket}/; 0 failed", output);
        using var sqs = Sqs();
        var events = await DrainAsync(sqs, stack.QueueUrl, 12, ct);
        var decoded = events.Select(m =>
        {
            using var json = JsonDocument.Parse(m.Body!);
            var record = json.RootElement.GetProperty("Records")[0];
            Assert.Equal("ObjectCreated:Put", record.GetProperty("eventName").GetString());
            Assert.Equal(stack.Bucket, record.GetProperty("s3").GetProperty("bucket").GetProperty("name").GetString());
            return WebUtility.UrlDecode(record.GetProperty("s3").GetProperty("object").GetProperty("key").GetString());
        });
        Assert.Equal(keys.Order(StringComparer.Ordinal), decoded.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Redrive_with_max_moves_only_that_many()
    {
        var ct = TestContext.Current.CancellationToken;
        var stack = await CreateStackAsync(ct);
        using var sqs = Sqs();
        for (var i = 0; i < 5; i++)
        {
            await sqs.SendMessageAsync(new SendMessageRequest(stack.DeadLetterQueueUrl, $"dead {i}"), ct);
        }

        var (exitCode, output) = await VerbAsync(stack, ["redrive", "--max", "3"], ct);

        Assert.True(exitCode == ExitCodes.Success, string.Join('\n', output));
        Assert.Contains("moved 3 messages from the dead-letter queue back to the source queue; 0 failed (client-side)", output);
        Assert.Equal(3, (await DrainAsync(sqs, stack.QueueUrl, 3, ct)).Count);
        Assert.Equal(2, (await DrainAsync(sqs, stack.DeadLetterQueueUrl, 2, ct)).Count);
    }

    [Fact]
    public async Task Verbs_find_the_resources_in_the_stack_outputs()
    {
        var ct = TestContext.Current.CancellationToken;
        var name = MotoAws.StackName("verbs");
        using (var aws = new MotoAws(moto))
        using (var provisioner = new StackProvisioner(aws.Settings))
        {
            var outputs = await provisioner.ProvisionLocalAsync(name, RoutingMode.Direct, ct);
            using var sqs = Sqs();
            await sqs.SendMessageAsync(new SendMessageRequest(outputs.DeadLetterQueueUrl, "dead"), ct);
        }

        // No AWS__Resources__* here: the verbs read DescribeStacks' outputs of the stack named by --stack.
        var (status, statusOutput) = await CliProcess.RunAsync(["status", "--stack", name, "--endpoint", moto.Url.ToString()], VerbTimeout, ct);
        var (redrive, redriveOutput) = await CliProcess.RunAsync(["redrive", "--stack", name, "--endpoint", moto.Url.ToString()], VerbTimeout, ct);

        Assert.True(status == ExitCodes.Success, string.Join('\n', statusOutput));
        Assert.Contains("dlq       depth 1  in flight 0", statusOutput);
        Assert.True(redrive == ExitCodes.Success, string.Join('\n', redriveOutput));
        Assert.Contains("moved 1 messages from the dead-letter queue back to the source queue; 0 failed (client-side)", redriveOutput);
    }

    [Fact]
    public async Task Verbs_without_a_known_stack_exit_unavailable()
    {
        var ct = TestContext.Current.CancellationToken;
        var name = MotoAws.StackName("absent");

        var (exitCode, output) = await CliProcess.RunAsync(["status", "--stack", name, "--endpoint", moto.Url.ToString()], VerbTimeout, ct);

        Assert.Equal(ExitCodes.Unavailable, exitCode);
        Assert.Contains(output, line => line.Contains($"Cannot find stack '{name}'", StringComparison.Ordinal));
    }

    private async Task<TestStack> CreateStackAsync(CancellationToken ct)
    {
        using var sqs = Sqs();
        using var s3 = S3();
        using var dynamo = DynamoDb();
        var name = MotoFixture.UniqueName("verbs");
        var dlq = (await sqs.CreateQueueAsync(new CreateQueueRequest(name + "-dlq"), ct)).QueueUrl!;
        var queue = (await sqs.CreateQueueAsync(new CreateQueueRequest(name + "-q"), ct)).QueueUrl!;
        await s3.PutBucketAsync(name, ct);
        await dynamo.CreateTableAsync(RecordTable.CreateTableRequest(name), ct);
        return new TestStack(name, queue, dlq, name);
    }

    private Task<(int ExitCode, IReadOnlyList<string> Output)> VerbAsync(TestStack stack, string[] arguments, CancellationToken ct) =>
        CliProcess.RunAsync([.. arguments, "--endpoint", moto.Url.ToString()], VerbTimeout, ct, new Dictionary<string, string>
        {
            ["AWS__Resources__BucketName"] = stack.Bucket,
            ["AWS__Resources__QueueUrl"] = stack.QueueUrl,
            ["AWS__Resources__DeadLetterQueueUrl"] = stack.DeadLetterQueueUrl,
            ["AWS__Resources__TableName"] = stack.Table,
        });

    private static async Task<List<Message>> DrainAsync(IAmazonSQS sqs, string queueUrl, int expected, CancellationToken ct)
    {
        var messages = new List<Message>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest(queueUrl)
            {
                MaxNumberOfMessages = 10, WaitTimeSeconds = 1, VisibilityTimeout = 300, MessageAttributeNames = ["All"],
            }, ct);
            messages.AddRange(received.Messages ?? []);
            if ((received.Messages ?? []).Count == 0 && messages.Count >= expected)
            {
                break;
            }
        }

        return messages;
    }

    private IAmazonSQS Sqs() => moto.Client<IAmazonSQS>();

    private IAmazonS3 S3() => moto.Client<IAmazonS3>();

    private IAmazonDynamoDB DynamoDb() => moto.Client<IAmazonDynamoDB>();

    private static BasicAWSCredentials Credentials => new("test", "test");

    private sealed record TestStack(string Bucket, string QueueUrl, string DeadLetterQueueUrl, string Table);
}
