using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace FilePipeline.Operations;

/// <summary>
/// Moves messages from a dead-letter queue back to a queue: the one implementation the AppHost's <c>redrive</c>
/// verb and the viewer share. Uses SQS's message move task where the endpoint has it (and waits for its count,
/// unless told not to); where it does not (moto answers StartMessageMoveTask with HTTP 500, some emulators with
/// UnsupportedOperation), or when asked to stop at a number of messages, it moves them client-side: receive,
/// send (body and message attributes unchanged), delete from the dead-letter queue only what was sent, so a
/// failure loses nothing (at worst a message is in both queues), and every message is counted.
/// </summary>
public sealed class DeadLetterRedrive(IAmazonSQS sqs)
{
    private const int BatchSize = 10;

    /// <summary>A client-side move holds each batch this long: longer than one send + delete, so no message is seen twice.</summary>
    private const int ReceiveVisibilitySeconds = 60;

    /// <summary>Redrives with the move task when available, client-side (at most <paramref name="maxMessages"/>) otherwise.</summary>
    public Task<RedriveResult> RedriveAsync(
        string deadLetterQueueUrl, string destinationQueueUrl, int maxMessages, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxMessages);
        return RedriveAsync(deadLetterQueueUrl, destinationQueueUrl, new RedriveOptions { MaxMessages = maxMessages }, cancellationToken);
    }

    public async Task<RedriveResult> RedriveAsync(
        string deadLetterQueueUrl, string destinationQueueUrl, RedriveOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        string? fallback = null;
        if (options.UseMoveTask)
        {
            var source = await ArnAsync(deadLetterQueueUrl, cancellationToken);
            var destination = await ArnAsync(destinationQueueUrl, cancellationToken);
            try
            {
                var task = await sqs.StartMessageMoveTaskAsync(
                    new StartMessageMoveTaskRequest { SourceArn = source, DestinationArn = destination }, cancellationToken);
                return options.WaitForMoveTask
                    ? await WaitForMoveTaskAsync(source, task.TaskHandle, options, cancellationToken)
                    : new RedriveResult(RedriveMode.MoveTask, task.TaskHandle, 0, 0, null, "RUNNING");
            }
            catch (AmazonSQSException e) when (IsUnsupported(e))
            {
                fallback = $"{e.ErrorCode ?? "error"} ({(int)e.StatusCode}): {e.Message}";
            }
        }

        var (moved, failed) = await MoveAsync(deadLetterQueueUrl, destinationQueueUrl, options.MaxMessages ?? int.MaxValue, cancellationToken);
        return new RedriveResult(RedriveMode.ClientMove, null, moved, failed, fallback);
    }

    /// <summary>The endpoint lacks the operation (as opposed to a bad request that the client-side move would repeat).</summary>
    public static bool IsUnsupported(AmazonSQSException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return (int)e.StatusCode >= 500 || e is UnsupportedOperationException
            || e.ErrorCode is "UnsupportedOperation" or "InvalidAction" or "AWS.SimpleQueueService.UnsupportedOperation";
    }

    /// <summary>
    /// Polls ListMessageMoveTasks (newest first) until the task is no longer RUNNING. Only a running task carries
    /// its handle there, so the newest task of the source is taken as ours once it has finished.
    /// </summary>
    private async Task<RedriveResult> WaitForMoveTaskAsync(string sourceArn, string? handle, RedriveOptions options, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + options.MoveTaskTimeout;
        while (true)
        {
            var tasks = await sqs.ListMessageMoveTasksAsync(new ListMessageMoveTasksRequest { SourceArn = sourceArn, MaxResults = 1 }, cancellationToken);
            var newest = tasks.Results?.FirstOrDefault();
            var moved = (int)Math.Min(int.MaxValue, newest?.ApproximateNumberOfMessagesMoved ?? 0);
            var status = newest?.Status ?? "RUNNING";
            if (status != "RUNNING")
            {
                return new RedriveResult(RedriveMode.MoveTask, handle, moved, 0, null, status)
                {
                    FailureReason = newest?.FailureReason,
                };
            }

            if (DateTime.UtcNow >= deadline)
            {
                return new RedriveResult(RedriveMode.MoveTask, handle, moved, 0, null, status);
            }

            await Task.Delay(options.PollInterval, cancellationToken);
        }
    }

    private async Task<(int Moved, int Failed)> MoveAsync(string from, string to, int maxMessages, CancellationToken cancellationToken)
    {
        int moved = 0, failed = 0;
        while (moved + failed < maxMessages)
        {
            var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest(from)
            {
                MaxNumberOfMessages = Math.Min(BatchSize, maxMessages - moved - failed),
                WaitTimeSeconds = 1,
                VisibilityTimeout = ReceiveVisibilitySeconds,
                MessageAttributeNames = ["All"],
            }, cancellationToken);
            if (received.Messages is not { Count: > 0 } messages)
            {
                break;
            }

            var byId = messages.Select((m, i) => (Id: i.ToString(CultureInfo.InvariantCulture), Message: m)).ToDictionary(x => x.Id, x => x.Message);
            var sent = await sqs.SendMessageBatchAsync(new SendMessageBatchRequest(to, [.. byId.Select(x =>
                new SendMessageBatchRequestEntry(x.Key, x.Value.Body ?? "")
                {
                    MessageAttributes = x.Value.MessageAttributes is { Count: > 0 } attributes ? attributes : null,
                })]), cancellationToken);
            var sentIds = sent.Successful?.Select(s => s.Id!).ToList() ?? [];
            failed += sent.Failed?.Count ?? 0;
            if (sentIds.Count == 0)
            {
                break; // Nothing goes through: stop rather than spin; the failures are reported.
            }

            var deleted = await sqs.DeleteMessageBatchAsync(new DeleteMessageBatchRequest(from, [.. sentIds.Select(id =>
                new DeleteMessageBatchRequestEntry(id, byId[id].ReceiptHandle!))]), cancellationToken);
            var notDeleted = deleted.Failed?.Count ?? 0;
            moved += sentIds.Count - notDeleted;
            failed += notDeleted;
        }

        return (moved, failed);
    }

    private async Task<string> ArnAsync(string queueUrl, CancellationToken cancellationToken) =>
        (await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest(queueUrl, [QueueAttributeName.QueueArn]), cancellationToken)).QueueARN
        ?? throw new InvalidOperationException($"The queue {queueUrl} has no ARN.");
}
