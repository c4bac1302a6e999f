using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using FilePipeline.FileRecords;
using FilePipeline.Processor.Events;
using FilePipeline.Processor.Worker;

namespace FilePipeline.Benchmarks;

/// <summary>
/// The ceiling of the end-to-end figures: a plain SDK loop in this process making the same AWS calls per file as
/// the worker (ReceiveMessage up to 10 with long polling, HeadObject, GetObject read to the end, PutItem,
/// DeleteMessageBatch) at the same concurrency (pollers × messages in flight per batch), and nothing else:
/// no content scan, no validation, no conditional write, no telemetry, no logging. With
/// <paramref name="workerRequests"/> it makes the worker's record requests instead: the consistent GetItem of the record
/// (and its revision) before the head, and the worker's full item written on condition of that revision through
/// <see cref="RecordStore"/> (issue 15's sync protocol), to tell what the protocol costs the emulator from what the
/// worker's own code costs.
/// </summary>
internal sealed class SdkLoopConsumer(BenchStack stack, int pollers, int concurrency, int waitSeconds, int visibilitySeconds, bool workerRequests = false)
{
    private static readonly string Preview = string.Concat(Enumerable.Repeat("pipeline record bucket queue ", 18))[..500];

    private readonly RecordStore _store = new(stack.Dynamo, stack.Table);

    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, pollers).Select(_ => Task.Run(() => PollAsync(cancellationToken), CancellationToken.None)));

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            List<Message> messages;
            try
            {
                var response = await stack.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest
                {
                    QueueUrl = stack.QueueUrl,
                    MaxNumberOfMessages = 10,
                    WaitTimeSeconds = waitSeconds,
                    VisibilityTimeout = visibilitySeconds,
                    MessageSystemAttributeNames = [.. QueueWorker.ReceivedAttributes],
                }, cancellationToken);
                messages = response.Messages ?? [];
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            if (messages.Count == 0)
            {
                continue;
            }

            await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, HandleAsync);
            var entries = messages.Select((message, i) => new DeleteMessageBatchRequestEntry("m" + i.ToString(CultureInfo.InvariantCulture), message.ReceiptHandle!)).ToList();
            await stack.Sqs.DeleteMessageBatchAsync(new DeleteMessageBatchRequest(stack.QueueUrl, entries), cancellationToken);
        }
    }

    private async ValueTask HandleAsync(Message message, CancellationToken cancellationToken)
    {
        foreach (var objectEvent in EnvelopeParser.Parse(message.Body ?? "").Events.Where(e => e.IsCreated))
        {
            var revision = workerRequests ? (await _store.ReadAsync(objectEvent.Bucket, objectEvent.Key, cancellationToken))?.Revision ?? 0 : 0;
            var head = await stack.S3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = objectEvent.Bucket, Key = objectEvent.Key }, cancellationToken);
            using (var response = await stack.S3.GetObjectAsync(new GetObjectRequest { BucketName = objectEvent.Bucket, Key = objectEvent.Key, EtagToMatch = head.ETag }, cancellationToken))
            {
                await response.ResponseStream.CopyToAsync(Stream.Null, 64 * 1024, cancellationToken);
            }

            if (workerRequests)
            {
                await WriteRecordAsync(objectEvent, head, revision, message.MessageId ?? "", cancellationToken);
                continue;
            }

            var now = DateTimeOffset.UtcNow.ToString(RecordTable.TimestampFormat, CultureInfo.InvariantCulture);
            await stack.Dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = stack.Table,
                Item = new()
                {
                    [RecordTable.BucketAttribute] = new AttributeValue { S = objectEvent.Bucket },
                    [RecordTable.KeyAttribute] = new AttributeValue { S = objectEvent.Key },
                    [RecordTable.StatusAttribute] = new AttributeValue { S = "PROCESSED" },
                    [RecordTable.UpdatedAtAttribute] = new AttributeValue { S = now },
                    ["Size"] = new AttributeValue { N = head.ContentLength.ToString(CultureInfo.InvariantCulture) },
                    ["ETag"] = new AttributeValue { S = head.ETag ?? "" },
                },
            }, cancellationToken);
        }
    }

    private Task WriteRecordAsync(ObjectEvent objectEvent, GetObjectMetadataResponse head, long revision, string messageId, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var lastModified = head.LastModified is { } modified ? new DateTimeOffset(modified.ToUniversalTime(), TimeSpan.Zero) : (DateTimeOffset?)null;
        var record = new FileRecord
        {
            Bucket = objectEvent.Bucket,
            Key = objectEvent.Key,
            Status = RecordStatus.Processed,
            Size = head.ContentLength,
            DeclaredContentType = head.Headers?.ContentType,
            DetectedType = "text/plain",
            ETag = head.ETag?.Trim('"'),
            Sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            EventName = objectEvent.EventName,
            EventTime = objectEvent.EventTime,
            LastModified = lastModified,
            WordCount = 1000,
            LineCount = 100,
            Preview = Preview,
            TextEncoding = "utf-8",
            ReceivedAt = now,
            ProcessedAt = now,
            DurationMs = 1,
            Attempts = 1,
            MessageId = messageId,
            TraceId = "4bf92f3577b34da6a3ce929d0e0e4736",
        };
        return _store.TryWriteAsync(record, revision, cancellationToken);
    }
}
