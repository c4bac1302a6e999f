using System.Globalization;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using FilePipeline.FileRecords;
using Microsoft.Extensions.Options;

namespace FilePipeline.Viewer.Pipeline;

/// <summary>The pipeline's queue and dead-letter queue: figures, a look at dead letters, and redrive.</summary>
public sealed class QueueMonitor(
    IAmazonSQS sqs, RecordQueries records, IOptions<ResourceOptions> resources, ILogger<QueueMonitor> logger)
{
    /// <summary>The most messages one redrive moves by copying (a move task has no such bound).</summary>
    public const int MaxCopiedPerRedrive = 10_000;

    private const int BodyExcerptLength = 300;

    // Set once StartMessageMoveTask has failed in a way that says the endpoint lacks it (moto answers 500).
    private volatile bool _moveTaskUnavailable;

    /// <summary>Queue figures, or why there are none.</summary>
    public async Task<(QueueStats? Stats, string? Error)> GetStatsAsync(CancellationToken cancellationToken)
    {
        if (Urls() is not { } urls)
        {
            return (null, "No queue is configured (AWS:Resources:QueueUrl and DeadLetterQueueUrl).");
        }

        try
        {
            var queue = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest(urls.Queue,
            [
                QueueAttributeName.ApproximateNumberOfMessages,
                QueueAttributeName.ApproximateNumberOfMessagesNotVisible,
                QueueAttributeName.ApproximateNumberOfMessagesDelayed,
            ]), cancellationToken);
            var dead = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest(urls.DeadLetters,
                [QueueAttributeName.ApproximateNumberOfMessages]), cancellationToken);
            return (new QueueStats(
                queue.ApproximateNumberOfMessages,
                queue.ApproximateNumberOfMessagesNotVisible,
                queue.ApproximateNumberOfMessagesDelayed,
                dead.ApproximateNumberOfMessages), null);
        }
        catch (AmazonServiceException e)
        {
            Log.QueueUnreadable(logger, e);
            return (null, $"The queues could not be read: {e.ErrorCode ?? e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>
    /// Up to <paramref name="max"/> dead letters, left in the queue (received with a zero visibility timeout), each
    /// with the reason the viewer can find.
    /// </summary>
    public async Task<IReadOnlyList<DeadLetter>> PeekDeadLettersAsync(int max, CancellationToken cancellationToken)
    {
        if (Urls() is not { } urls)
        {
            return [];
        }

        var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest(urls.DeadLetters)
        {
            MaxNumberOfMessages = Math.Clamp(max, 1, 10),
            VisibilityTimeout = 0,
            WaitTimeSeconds = 0,
            MessageSystemAttributeNames = [MessageSystemAttributeName.All],
        }, cancellationToken);
        var letters = new List<DeadLetter>();
        foreach (var message in response.Messages ?? [])
        {
            var body = message.Body ?? "";
            var key = DeadLetterReason.KeyOf(body, out var classification);
            var record = key is null ? null : await records.GetAsync(resources.Value.BucketName, key, cancellationToken);
            // The DLQ counts its own receives too (this look is one); the source queue's count is what failed.
            var receiveCount = Attribute(message, MessageSystemAttributeName.ApproximateReceiveCount) is { } count
                ? int.Parse(count, CultureInfo.InvariantCulture)
                : 0;
            letters.Add(new DeadLetter(
                message.MessageId ?? "",
                Attribute(message, MessageSystemAttributeName.SentTimestamp) is { } sent
                    ? DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(sent, CultureInfo.InvariantCulture))
                    : null,
                receiveCount,
                key,
                DeadLetterReason.Explain(classification, record),
                body.Length > BodyExcerptLength ? body[..BodyExcerptLength] + "…" : body));
        }

        return letters;
    }

    /// <summary>Moves every dead letter back to the source queue: a move task where SQS has one, else by copying.</summary>
    public async Task<RedriveResult> RedriveAsync(CancellationToken cancellationToken)
    {
        if (Urls() is not { } urls)
        {
            throw new InvalidOperationException("No queue is configured (AWS:Resources:QueueUrl and DeadLetterQueueUrl).");
        }

        if (!_moveTaskUnavailable)
        {
            try
            {
                var arns = await Task.WhenAll(ArnAsync(urls.DeadLetters, cancellationToken), ArnAsync(urls.Queue, cancellationToken));
                var task = await sqs.StartMessageMoveTaskAsync(
                    new StartMessageMoveTaskRequest { SourceArn = arns[0], DestinationArn = arns[1] }, cancellationToken);
                return new RedriveResult("MoveTask", 0, task.TaskHandle,
                    "SQS is moving the dead letters back to the queue (a message move task).");
            }
            catch (AmazonServiceException e) when (e is UnsupportedOperationException || (int)e.StatusCode >= 500)
            {
                _moveTaskUnavailable = true;
                Log.MoveTaskUnavailable(logger, e.ErrorCode ?? ((int)e.StatusCode).ToString(CultureInfo.InvariantCulture));
            }
        }

        var moved = await CopyAsync(urls.DeadLetters, urls.Queue, cancellationToken);
        return new RedriveResult("Copy", moved, null, $"Moved {moved} message(s) from the dead-letter queue back to the queue.");
    }

    private async Task<int> CopyAsync(string from, string to, CancellationToken cancellationToken)
    {
        var moved = 0;
        while (moved < MaxCopiedPerRedrive)
        {
            var batch = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest(from)
            {
                MaxNumberOfMessages = 10,
                WaitTimeSeconds = 0,
                VisibilityTimeout = 60,
                MessageAttributeNames = ["All"],
            }, cancellationToken);
            if (batch.Messages is not { Count: > 0 } messages)
            {
                return moved;
            }

            var sent = await sqs.SendMessageBatchAsync(new SendMessageBatchRequest(to,
                [.. messages.Select((m, i) => new SendMessageBatchRequestEntry(i.ToString(CultureInfo.InvariantCulture), m.Body ?? "")
                {
                    MessageAttributes = m.MessageAttributes is { Count: > 0 } attributes ? attributes : null,
                })]), cancellationToken);
            // Delete only what reached the queue; the rest stays in the DLQ (visible again after its timeout).
            var delete = (sent.Successful ?? [])
                .Select(entry => messages[int.Parse(entry.Id!, CultureInfo.InvariantCulture)])
                .Select((m, i) => new DeleteMessageBatchRequestEntry(i.ToString(CultureInfo.InvariantCulture), m.ReceiptHandle!))
                .ToList();
            if (delete.Count == 0)
            {
                return moved;
            }

            await sqs.DeleteMessageBatchAsync(new DeleteMessageBatchRequest(from, delete), cancellationToken);
            moved += delete.Count;
        }

        return moved;
    }

    private async Task<string> ArnAsync(string url, CancellationToken cancellationToken) =>
        (await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest(url, [QueueAttributeName.QueueArn]), cancellationToken)).QueueARN
        ?? throw new InvalidOperationException($"The queue {url} has no ARN.");

    private (string Queue, string DeadLetters)? Urls() =>
        resources.Value is { QueueUrl: { Length: > 0 } queue, DeadLetterQueueUrl: { Length: > 0 } dead } ? (queue, dead) : null;

    private static string? Attribute(Message message, string name) =>
        message.Attributes is not null && message.Attributes.TryGetValue(name, out var value) ? value : null;
}
