using Amazon.SQS;
using Amazon.SQS.Model;

namespace FilePipeline.AwsClients.Redrive;

/// <summary>
/// Moves messages from a dead-letter queue back to a queue. Uses SQS's message move task where the endpoint
/// has it; where it does not (moto answers StartMessageMoveTask with HTTP 500, some emulators with
/// UnsupportedOperation), moves them client-side: a message is deleted from the dead-letter queue only after
/// it was sent, so a failure loses nothing (at worst a message is in both queues).
/// </summary>
public sealed class DeadLetterRedrive(IAmazonSQS sqs)
{
    private const int BatchSize = 10;

    public async Task<RedriveResult> RedriveAsync(
        string deadLetterQueueUrl, string destinationQueueUrl, int maxMessages, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxMessages);
        var arns = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest(deadLetterQueueUrl, [QueueAttributeName.QueueArn]), cancellationToken);
        var destination = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest(destinationQueueUrl, [QueueAttributeName.QueueArn]), cancellationToken);
        try
        {
            var task = await sqs.StartMessageMoveTaskAsync(new StartMessageMoveTaskRequest
            {
                SourceArn = arns.QueueARN,
                DestinationArn = destination.QueueARN,
            }, cancellationToken);
            return new RedriveResult(RedriveMode.MoveTask, task.TaskHandle, 0, 0, null);
        }
        catch (AmazonSQSException e) when (IsUnsupported(e))
        {
            var (moved, failed) = await MoveAsync(deadLetterQueueUrl, destinationQueueUrl, maxMessages, cancellationToken);
            return new RedriveResult(RedriveMode.ClientMove, null, moved, failed, $"{e.ErrorCode} ({(int)e.StatusCode}): {e.Message}");
        }
    }

    /// <summary>The endpoint lacks the operation (as opposed to a bad request that the client-side move would repeat).</summary>
    public static bool IsUnsupported(AmazonSQSException e) =>
        (int)e.StatusCode >= 500 || e is UnsupportedOperationException
        || e.ErrorCode is "UnsupportedOperation" or "InvalidAction" or "AWS.SimpleQueueService.UnsupportedOperation";

    private async Task<(int Moved, int Failed)> MoveAsync(string from, string to, int maxMessages, CancellationToken cancellationToken)
    {
        int moved = 0, failed = 0;
        while (moved + failed < maxMessages)
        {
            var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest(from)
            {
                MaxNumberOfMessages = Math.Min(BatchSize, maxMessages - moved - failed),
                WaitTimeSeconds = 1,
                MessageAttributeNames = ["All"],
            }, cancellationToken);
            if (received.Messages is not { Count: > 0 } messages)
            {
                break;
            }

            var byId = messages.Select((m, i) => (Id: i.ToString(System.Globalization.CultureInfo.InvariantCulture), Message: m)).ToDictionary(x => x.Id, x => x.Message);
            var sent = await sqs.SendMessageBatchAsync(new SendMessageBatchRequest(to, [.. byId.Select(x =>
                new SendMessageBatchRequestEntry(x.Key, x.Value.Body ?? "") { MessageAttributes = x.Value.MessageAttributes })]), cancellationToken);
            var sentIds = sent.Successful?.Select(s => s.Id!).ToList() ?? [];
            failed += sent.Failed?.Count ?? 0;
            if (sentIds.Count > 0)
            {
                var deleted = await sqs.DeleteMessageBatchAsync(new DeleteMessageBatchRequest(from, [.. sentIds.Select(id =>
                    new DeleteMessageBatchRequestEntry(id, byId[id].ReceiptHandle!))]), cancellationToken);
                moved += deleted.Successful?.Count ?? 0;
            }
        }

        return (moved, failed);
    }
}
