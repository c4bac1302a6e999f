using Amazon.SQS;
using Amazon.SQS.Model;
using FilePipeline.Tests.Infrastructure;

namespace FilePipeline.Tests.AwsClients;

public sealed class SqsClientTests(MotoFixture moto)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Created_queue_is_found_by_name()
    {
        using var sqs = AwsClientFactory.Sqs(moto);
        var name = MotoFixture.UniqueName("sqs-url");

        var created = await sqs.CreateQueueAsync(new CreateQueueRequest(name), Ct);
        var found = await sqs.GetQueueUrlAsync(new GetQueueUrlRequest(name), Ct);

        Assert.EndsWith("/" + name, created.QueueUrl);
        Assert.Equal(created.QueueUrl, found.QueueUrl);
    }

    [Fact]
    public async Task Missing_queue_throws_QueueDoesNotExistException()
    {
        using var sqs = AwsClientFactory.Sqs(moto);

        var error = await Assert.ThrowsAsync<QueueDoesNotExistException>(
            () => sqs.GetQueueUrlAsync(new GetQueueUrlRequest(MotoFixture.UniqueName("sqs-missing")), Ct));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.StatusCode);
        Assert.False(string.IsNullOrEmpty(error.ErrorCode));
    }

    [Fact]
    public async Task Message_round_trip_keeps_unicode_body_and_attributes()
    {
        using var sqs = AwsClientFactory.Sqs(moto);
        var url = (await sqs.CreateQueueAsync(new CreateQueueRequest(MotoFixture.UniqueName("sqs-rt")), Ct)).QueueUrl!;
        const string body = "{\"key\":\"ünïcødé ✓ 日本語 🚀 \\\"quoted\\\" <tag> & +%2B\"}";

        var sent = await sqs.SendMessageAsync(new SendMessageRequest(url, body)
        {
            MessageAttributes = new()
            {
                ["trace"] = new MessageAttributeValue { DataType = "String", StringValue = "ä-1" },
                ["count"] = new MessageAttributeValue { DataType = "Number", StringValue = "42" },
                ["blob"] = new MessageAttributeValue { DataType = "Binary", BinaryValue = new MemoryStream([1, 2, 255]) },
            },
        }, Ct);
        var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest(url)
        {
            WaitTimeSeconds = 5,
            MaxNumberOfMessages = 10,
            MessageSystemAttributeNames = [MessageSystemAttributeName.ApproximateReceiveCount, MessageSystemAttributeName.SentTimestamp],
            MessageAttributeNames = ["All"],
        }, Ct);

        var message = Assert.Single(received.Messages!);
        Assert.Equal(sent.MessageId, message.MessageId);
        Assert.Equal(body, message.Body);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(body))), message.MD5OfBody);
        Assert.Equal(sent.MD5OfMessageBody, message.MD5OfBody);
        Assert.Equal("1", message.Attributes!["ApproximateReceiveCount"]);
        Assert.True(long.Parse(message.Attributes["SentTimestamp"], System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal("ä-1", message.MessageAttributes!["trace"].StringValue);
        Assert.Equal("42", message.MessageAttributes["count"].StringValue);
        Assert.Equal(new byte[] { 1, 2, 255 }, message.MessageAttributes["blob"].BinaryValue!.ToArray());

        await sqs.DeleteMessageAsync(new DeleteMessageRequest(url, message.ReceiptHandle!), Ct);
        var after = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest(url, ["All"]), Ct);
        Assert.Equal(0, after.ApproximateNumberOfMessages);
        Assert.Equal(0, after.ApproximateNumberOfMessagesNotVisible);
    }

    [Fact]
    public async Task Empty_queue_long_poll_returns_no_messages_after_the_wait()
    {
        using var sqs = AwsClientFactory.Sqs(moto);
        var url = (await sqs.CreateQueueAsync(new CreateQueueRequest(MotoFixture.UniqueName("sqs-empty")), Ct)).QueueUrl!;
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest(url) { WaitTimeSeconds = 1 }, Ct);

        Assert.True(received.Messages is null || received.Messages.Count == 0);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"returned after {clock.Elapsed}");
    }

    [Fact]
    public async Task Batches_report_successes_and_per_entry_failures()
    {
        using var sqs = AwsClientFactory.Sqs(moto);
        var url = (await sqs.CreateQueueAsync(new CreateQueueRequest(MotoFixture.UniqueName("sqs-batch")), Ct)).QueueUrl!;

        var sent = await sqs.SendMessageBatchAsync(new SendMessageBatchRequest(url,
        [
            new SendMessageBatchRequestEntry("a", "first"),
            new SendMessageBatchRequestEntry("b", "second ✓"),
            new SendMessageBatchRequestEntry("c", "third") { DelaySeconds = 0 },
        ]), Ct);
        Assert.Equal(["a", "b", "c"], sent.Successful!.Select(e => e.Id).Order());
        Assert.True(sent.Failed is null || sent.Failed.Count == 0);

        var messages = await ReceiveAtLeastAsync(sqs, url, 3);
        var byBody = messages.ToDictionary(m => m.Body!);

        var changed = await sqs.ChangeMessageVisibilityBatchAsync(new ChangeMessageVisibilityBatchRequest(url,
        [
            new ChangeMessageVisibilityBatchRequestEntry("ok", byBody["first"].ReceiptHandle!) { VisibilityTimeout = 0 },
            new ChangeMessageVisibilityBatchRequestEntry("bad", "not-a-receipt-handle") { VisibilityTimeout = 0 },
        ]), Ct);
        Assert.Equal(["ok"], changed.Successful!.Select(e => e.Id));
        var changeFailure = Assert.Single(changed.Failed!);
        Assert.Equal("bad", changeFailure.Id);
        Assert.False(string.IsNullOrEmpty(changeFailure.Code));

        var deleted = await sqs.DeleteMessageBatchAsync(new DeleteMessageBatchRequest(url,
        [
            new DeleteMessageBatchRequestEntry("s", byBody["second ✓"].ReceiptHandle!),
            new DeleteMessageBatchRequestEntry("t", byBody["third"].ReceiptHandle!),
            new DeleteMessageBatchRequestEntry("x", "not-a-receipt-handle"),
        ]), Ct);
        Assert.Equal(["s", "t"], deleted.Successful!.Select(e => e.Id).Order());
        var deleteFailure = Assert.Single(deleted.Failed!);
        Assert.Equal("x", deleteFailure.Id);
        Assert.Equal("ReceiptHandleIsInvalid", deleteFailure.Code);
        Assert.True(deleteFailure.SenderFault);

        var again = await ReceiveAtLeastAsync(sqs, url, 1);
        Assert.Equal("first", Assert.Single(again).Body);
    }

    [Fact]
    public async Task Visibility_change_makes_a_message_visible_again()
    {
        using var sqs = AwsClientFactory.Sqs(moto);
        var url = (await sqs.CreateQueueAsync(new CreateQueueRequest(MotoFixture.UniqueName("sqs-vis"))
        {
            Attributes = new() { [QueueAttributeName.VisibilityTimeout] = "60" },
        }, Ct)).QueueUrl!;
        await sqs.SendMessageAsync(new SendMessageRequest(url, "again"), Ct);
        var first = Assert.Single(await ReceiveAtLeastAsync(sqs, url, 1));

        await sqs.ChangeMessageVisibilityAsync(new ChangeMessageVisibilityRequest(url, first.ReceiptHandle!, 0), Ct);

        var second = Assert.Single(await ReceiveAtLeastAsync(sqs, url, 1,
            [MessageSystemAttributeName.ApproximateReceiveCount]));
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal("2", second.Attributes![MessageSystemAttributeName.ApproximateReceiveCount]);
    }

    private static async Task<List<Message>> ReceiveAtLeastAsync(IAmazonSQS sqs, string url, int count, List<string>? systemAttributes = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var messages = new List<Message>();
        while (messages.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"received {messages.Count} of {count} messages before the deadline");
            var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest(url)
            {
                MaxNumberOfMessages = 10,
                WaitTimeSeconds = 1,
                MessageSystemAttributeNames = systemAttributes,
            }, Ct);
            messages.AddRange(response.Messages ?? []);
        }

        return messages;
    }
}
