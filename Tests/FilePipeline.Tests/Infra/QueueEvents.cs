using Amazon.SQS;
using Amazon.SQS.Model;

namespace FilePipeline.Tests.Infra;

/// <summary>Reads what bucket notifications delivered to a queue, within a deadline.</summary>
internal static class QueueEvents
{
    /// <summary>
    /// Every message received (and deleted) up to and including the batch holding the first that is not S3's test event
    /// (sent whenever a notification configuration is written) and that <paramref name="matches"/> when given.
    /// </summary>
    public static async Task<List<Message>> ReceiveUntilEventAsync(IAmazonSQS sqs, string queueUrl, CancellationToken ct, Func<string, bool>? matches = null)
    {
        var received = new List<Message>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 1, MaxNumberOfMessages = 10 }, ct);
            var found = false;
            foreach (var message in response.Messages ?? [])
            {
                await sqs.DeleteMessageAsync(new DeleteMessageRequest { QueueUrl = queueUrl, ReceiptHandle = message.ReceiptHandle }, ct);
                received.Add(message);
                found |= !message.Body!.Contains("s3:TestEvent", StringComparison.Ordinal) && (matches is null || matches(message.Body));
            }

            if (found)
            {
                return received;
            }
        }

        throw new TimeoutException($"No upload event on {queueUrl} within 30 s.");
    }
}
