using Amazon.SQS;
using Amazon.SQS.Model;
using FilePipeline.Operations;
using FilePipeline.Tests.Emulator;
using Microsoft.Extensions.Hosting;

namespace FilePipeline.Tests.AwsClients;

/// <summary>What the product relies on from SQS on moto: redrive to a DLQ, and the fallback where moto lacks message move tasks.</summary>
public sealed class SqsDeadLetterTests(MotoFixture moto)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IAmazonSQS Sqs(int? maxErrorRetry = null)
    {
        var options = moto.AwsOptions;
        options.DefaultClientConfig.MaxErrorRetry = maxErrorRetry;
        return options.CreateAwsClient<IAmazonSQS>();
    }

    [Fact]
    public async Task Redrive_policy_moves_a_message_to_the_DLQ_after_max_receives()
    {
        using var sqs = Sqs();
        var (source, dlq) = await CreatePairAsync(sqs, maxReceiveCount: 1);
        await sqs.SendMessageAsync(new SendMessageRequest(source, "poison ☠"), Ct);

        var first = await ReceiveOneAsync(sqs, source);
        await sqs.ChangeMessageVisibilityAsync(new ChangeMessageVisibilityRequest(source, first.ReceiptHandle!, 0), Ct);
        var dead = await ReceiveOneAsync(sqs, dlq, from: source);

        Assert.Equal("poison ☠", dead.Body);
        Assert.Equal(first.MessageId, dead.MessageId);
        var sources = await sqs.ListDeadLetterSourceQueuesAsync(new ListDeadLetterSourceQueuesRequest { QueueUrl = dlq }, Ct);
        Assert.Equal([source], sources.QueueUrls!);
    }

    [Fact]
    public async Task Moto_lacks_message_move_tasks_and_answers_500()
    {
        using var sqs = Sqs(maxErrorRetry: 0);
        var (_, dlq) = await CreatePairAsync(sqs, maxReceiveCount: 3);
        var arn = (await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest(dlq, [QueueAttributeName.QueueArn]), Ct)).QueueARN;

        var start = await Assert.ThrowsAsync<AmazonSQSException>(() => sqs.StartMessageMoveTaskAsync(new StartMessageMoveTaskRequest { SourceArn = arn }, Ct));
        var list = await Assert.ThrowsAsync<AmazonSQSException>(() => sqs.ListMessageMoveTasksAsync(new ListMessageMoveTasksRequest { SourceArn = arn }, Ct));

        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, start.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, list.StatusCode);
        Assert.True(DeadLetterRedrive.IsUnsupported(start));
    }

    [Fact]
    public async Task Redrive_falls_back_to_a_client_move_when_the_move_task_is_missing()
    {
        using var sqs = Sqs(maxErrorRetry: 0);
        var (source, dlq) = await CreatePairAsync(sqs, maxReceiveCount: 3);
        var bodies = Enumerable.Range(0, 12).Select(i => $"dead-{i}-ü").ToList();
        await sqs.SendMessageBatchAsync(new SendMessageBatchRequest(dlq, [.. bodies.Take(10).Select((b, i) => new SendMessageBatchRequestEntry($"e{i}", b)
        {
            MessageAttributes = new() { ["n"] = new MessageAttributeValue { DataType = "Number", StringValue = i.ToString(System.Globalization.CultureInfo.InvariantCulture) } },
        })]), Ct);
        await sqs.SendMessageBatchAsync(new SendMessageBatchRequest(dlq, [.. bodies.Skip(10).Select((b, i) => new SendMessageBatchRequestEntry($"f{i}", b))]), Ct);

        var result = await new DeadLetterRedrive(sqs).RedriveAsync(dlq, source, maxMessages: 100, Ct);

        Assert.Equal(RedriveMode.ClientMove, result.Mode);
        Assert.Equal(12, result.Moved);
        Assert.Equal(0, result.Failed);
        Assert.NotNull(result.FallbackReason);
        var moved = new List<Message>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (moved.Count < 12 && DateTime.UtcNow < deadline)
        {
            var batch = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest(source) { MaxNumberOfMessages = 10, WaitTimeSeconds = 1, MessageAttributeNames = ["All"] }, Ct);
            moved.AddRange(batch.Messages ?? []);
        }

        Assert.Equal(bodies.Order(), moved.Select(m => m.Body!).Order());
        Assert.Equal(10, moved.Count(m => m.MessageAttributes?.ContainsKey("n") == true));
        var left = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest(dlq, [QueueAttributeName.All]), Ct);
        Assert.Equal(0, left.ApproximateNumberOfMessages + left.ApproximateNumberOfMessagesNotVisible);
    }

    private static async Task<(string Source, string Dlq)> CreatePairAsync(IAmazonSQS sqs, int maxReceiveCount)
    {
        var dlq = (await sqs.CreateQueueAsync(new CreateQueueRequest(MotoFixture.UniqueName("sqs-dlq")), Ct)).QueueUrl!;
        var dlqArn = (await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest(dlq, [QueueAttributeName.QueueArn]), Ct)).QueueARN;
        var source = (await sqs.CreateQueueAsync(new CreateQueueRequest(MotoFixture.UniqueName("sqs-src"))
        {
            Attributes = new()
            {
                [QueueAttributeName.RedrivePolicy] = $$"""{"deadLetterTargetArn":"{{dlqArn}}","maxReceiveCount":"{{maxReceiveCount}}"}""",
            },
        }, Ct)).QueueUrl!;
        return (source, dlq);
    }

    private static async Task<Message> ReceiveOneAsync(IAmazonSQS sqs, string url, string? from = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (from is not null)
            {
                // moto moves a message to the DLQ when the source queue is received from after maxReceiveCount.
                await sqs.ReceiveMessageAsync(new ReceiveMessageRequest(from) { WaitTimeSeconds = 0 }, Ct);
            }

            var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest(url) { WaitTimeSeconds = 1 }, Ct);
            if (response.Messages is [var message, ..])
            {
                return message;
            }
        }

        throw new TimeoutException($"no message on {url} within 20 s");
    }
}
