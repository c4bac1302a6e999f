using System.Globalization;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using FilePipeline.Operations;
using FilePipeline.FileRecords;
using FilePipeline.Viewer.Records;
using Microsoft.Extensions.Options;

namespace FilePipeline.Viewer.Pipeline;

/// <summary>The pipeline's queue and dead-letter queue: figures, a look at dead letters, and redrive.</summary>
public sealed class QueueMonitor(
    IAmazonSQS sqs, RecordQueries records, IOptions<ResourceOptions> resources, ILogger<QueueMonitor> logger)
{
    /// <summary>The most messages one redrive moves by copying (a move task has no such bound).</summary>
    public const int MaxCopiedPerRedrive = 10_000;

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
            var key = DeadLetterReason.KeyOf(body, out var bucket, out var classification);
            classification ??= DeadLetterReason.ForeignBucket(bucket, resources.Value.BucketName);
            var record = key is null || classification is not null
                ? null
                : await records.GetAsync(resources.Value.BucketName, key, cancellationToken);
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
                body));
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

        // The one redrive implementation (AwsClients): a move task, started and not waited for, else a bounded copy.
        var done = await new DeadLetterRedrive(sqs).RedriveAsync(urls.DeadLetters, urls.Queue, new RedriveOptions
        {
            UseMoveTask = !_moveTaskUnavailable,
            WaitForMoveTask = false,
            MaxMessages = MaxCopiedPerRedrive,
        }, cancellationToken);
        if (done.Mode == RedriveMode.MoveTask)
        {
            return new RedriveResult("MoveTask", 0, done.TaskHandle,
                "SQS is moving the dead letters back to the queue (a message move task).");
        }

        if (done.FallbackReason is { } reason)
        {
            _moveTaskUnavailable = true;
            Log.MoveTaskUnavailable(logger, reason);
        }

        return new RedriveResult("Copy", done.Moved, null, $"Moved {Display.Count(done.Moved, "message", "messages")} from the dead-letter queue back to the queue.");
    }

    private (string Queue, string DeadLetters)? Urls() =>
        resources.Value is { QueueUrl: { Length: > 0 } queue, DeadLetterQueueUrl: { Length: > 0 } dead } ? (queue, dead) : null;

    private static string? Attribute(Message message, string name) =>
        message.Attributes is not null && message.Attributes.TryGetValue(name, out var value) ? value : null;
}
