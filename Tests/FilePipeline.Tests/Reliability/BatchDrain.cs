using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using FilePipeline.Processor.Handling;

namespace FilePipeline.Tests.Reliability;

/// <summary>
/// Drives the product's <see cref="BatchProcessor"/> against a real queue the way the worker host does (receive
/// up to 10, process, DeleteMessageBatch the successes, make the failures visible again), until the queue is
/// empty. For handler-level tests; the load, crash and fault tests run the real worker.
/// </summary>
internal sealed class BatchDrain(IAmazonSQS sqs, string queueUrl, BatchProcessor processor)
{
    public int Batches { get; private set; }

    public int Failures { get; private set; }

    /// <summary>The message ids in the order their batches were received, with the pass that received them.</summary>
    public List<(string MessageId, int ReceiveCount)> Received { get; } = [];

    public async Task RunAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var token = deadline.Token;
        var emptyPolls = 0;
        while (emptyPolls < 2)
        {
            var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest(queueUrl)
            {
                MaxNumberOfMessages = 10,
                WaitTimeSeconds = 1,
                VisibilityTimeout = 30,
                MessageSystemAttributeNames = ["ApproximateReceiveCount"],
            }, token);
            var messages = response.Messages ?? [];
            if (messages.Count == 0)
            {
                emptyPolls++;
                continue;
            }

            emptyPolls = 0;
            Batches++;
            var batch = messages.Select(message => new QueueMessage(
                message.MessageId!, message.Body ?? "", ReceiveCount(message), null, "test")).ToList();
            Received.AddRange(batch.Select(message => (message.MessageId, message.ReceiveCount)));
            var failed = (await processor.ProcessAsync(batch, fifo: false, token)).ToHashSet(StringComparer.Ordinal);
            Failures += failed.Count;
            var done = messages.Where(message => !failed.Contains(message.MessageId!)).ToList();
            if (done.Count > 0)
            {
                await sqs.DeleteMessageBatchAsync(new DeleteMessageBatchRequest
                {
                    QueueUrl = queueUrl,
                    Entries = [.. done.Select((message, i) => new DeleteMessageBatchRequestEntry(i.ToString(CultureInfo.InvariantCulture), message.ReceiptHandle!))],
                }, token);
            }

            foreach (var message in messages.Where(message => failed.Contains(message.MessageId!)))
            {
                await sqs.ChangeMessageVisibilityAsync(new ChangeMessageVisibilityRequest(queueUrl, message.ReceiptHandle!, 0), token);
            }
        }
    }

    private static int ReceiveCount(Message message) =>
        message.Attributes is { } attributes && attributes.TryGetValue("ApproximateReceiveCount", out var text)
            && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count)
            ? count
            : 1;
}
