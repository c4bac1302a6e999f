using Amazon.SQS;
using Amazon.SQS.Model;

namespace FilePipeline.AppHost.Operations;

/// <summary>
/// Moves messages from the dead-letter queue back to the source queue: receive a batch, send it to the
/// source (body and message attributes unchanged), delete from the DLQ only what was sent. The same calls
/// on AWS and on any emulator, and an exact count (SQS's StartMessageMoveTask is asynchronous, reports an
/// estimate, and is missing from moto). A message whose delete fails after its send can be delivered twice;
/// the processor's conditional write makes that harmless.
/// </summary>
public sealed class DeadLetterRedrive(IAmazonSQS sqs, string deadLetterQueueUrl, string sourceQueueUrl)
{
    public async Task<RedriveResult> RunAsync(int? maximum, CancellationToken cancellationToken)
    {
        int moved = 0, failed = 0;
        while (maximum is null || moved + failed < maximum)
        {
            var received = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest(deadLetterQueueUrl)
            {
                MaxNumberOfMessages = Math.Min(10, (maximum ?? int.MaxValue) - moved - failed),
                WaitTimeSeconds = 1,
                VisibilityTimeout = 60,
                MessageAttributeNames = ["All"],
            }, cancellationToken);
            var messages = received.Messages ?? [];
            if (messages.Count == 0)
            {
                break;
            }

            var byId = messages.Select((message, index) => (Id: index.ToString(System.Globalization.CultureInfo.InvariantCulture), message))
                .ToDictionary(pair => pair.Id, pair => pair.message);
            var sent = await sqs.SendMessageBatchAsync(new SendMessageBatchRequest(sourceQueueUrl,
                [.. byId.Select(pair => new SendMessageBatchRequestEntry(pair.Key, pair.Value.Body!)
                {
                    MessageAttributes = pair.Value.MessageAttributes is { Count: > 0 } attributes ? attributes : null,
                })]), cancellationToken);
            var succeeded = sent.Successful ?? [];
            failed += sent.Failed?.Count ?? 0;
            if (succeeded.Count == 0)
            {
                break; // Nothing goes through: stop rather than spin; the failures are reported.
            }

            var deleted = await sqs.DeleteMessageBatchAsync(new DeleteMessageBatchRequest(deadLetterQueueUrl,
                [.. succeeded.Select(entry => new DeleteMessageBatchRequestEntry(entry.Id!, byId[entry.Id!].ReceiptHandle!))]), cancellationToken);
            moved += succeeded.Count;
            failed += deleted.Failed?.Count ?? 0;
        }

        return new RedriveResult(moved, failed);
    }
}
