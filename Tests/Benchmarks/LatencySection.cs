using System.Diagnostics;
using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2.Model;
using Amazon.S3.Model;
using Amazon.SQS.Model;
using FilePipeline.FileRecords;
using FilePipeline.Processor.Events;
using FilePipeline.Processor.Worker;

namespace FilePipeline.Benchmarks;

/// <summary>
/// Section 4: upload-to-record latency at low load. One worker at its defaults; one small file at a time, the next
/// after the record appeared and a gap. Latency = the record's ProcessedAt − the upload's start, and the time until
/// a tight GetItem poll sees the record. Compared with the floor: this process making the same calls one after
/// another (PutObject, long-poll ReceiveMessage, HeadObject, GetObject, PutItem, DeleteMessage) with no worker,
/// and with one PutObject + GetItem round trip. Target: p50 ≤ 1 s.
/// </summary>
internal static class LatencySection
{
    private static readonly TimeSpan Target = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(20);

    public static async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        using var stack = await context.FreshStackAsync(cancellationToken);
        await DrainAsync(stack, cancellationToken); // the s3:TestEvent of provisioning

        var floor = new List<TimeSpan>();
        var roundTrip = new List<TimeSpan>();
        for (var i = 0; i < settings.FloorSamples + 2; i++)
        {
            var (chain, putGet) = await FloorAsync(stack, $"floor/{i:D4}.txt", cancellationToken);
            if (i >= 2)
            {
                floor.Add(chain);
                roundTrip.Add(putGet);
            }
        }

        var workers = await WorkerProcess.StartReadyAsync(1, stack.WorkerEnvironment(), cancellationToken, settings.Worker);
        var processedLatency = new List<TimeSpan>();
        var visibleLatency = new List<TimeSpan>();
        try
        {
            for (var i = 0; i < settings.LatencySamples + 3; i++)
            {
                var (processed, visible) = await SampleAsync(stack, $"latency/{i:D4}.txt", cancellationToken);
                if (i >= 3)
                {
                    processedLatency.Add(processed);
                    visibleLatency.Add(visible);
                }

                await Task.Delay(settings.LatencyGap, cancellationToken);
            }
        }
        finally
        {
            await Task.WhenAll(workers.Select(w => w.DisposeAsync().AsTask()));
        }

        var floorP50 = new Percentiles(floor).At(50);
        Report.Line($"{processedLatency.Count} samples, one file (1 KiB text) at a time, {settings.LatencyGap.TotalMilliseconds:0} ms apart; worker at its defaults");
        Report.Duration("floor: same calls in series by this process, p50 (ceiling)", floorP50, floorP50);
        Report.Duration("moto round trip: PutObject + GetItem, p50", new Percentiles(roundTrip).At(50), floorP50);
        Print("upload start -> record ProcessedAt", processedLatency, floorP50);
        Print("upload start -> record seen by GetItem poll", visibleLatency, floorP50);
        Report.Line($"target: p50 <= {Target.TotalMilliseconds:0} ms; load now {Machine.Load()}");
    }

    private static void Print(string what, List<TimeSpan> samples, TimeSpan floor)
    {
        var percentiles = new Percentiles(samples);
        foreach (var p in new[] { 50, 95, 99 })
        {
            Report.Duration($"{what}, p{p}", percentiles.At(p), floor);
        }
    }

    /// <summary>Uploads one file and polls for its record: (ProcessedAt − upload start, time until seen).</summary>
    private static async Task<(TimeSpan Processed, TimeSpan Visible)> SampleAsync(BenchStack stack, string key, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        await PutAsync(stack, key, cancellationToken);
        while (true)
        {
            var item = await GetRecordAsync(stack, key, cancellationToken);
            if (item is not null)
            {
                var visible = clock.Elapsed;
                var processedAt = DateTimeOffset.Parse(item[nameof(FileRecord.ProcessedAt)].S, CultureInfo.InvariantCulture);
                return (processedAt - started, visible);
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException($"no record for {key} after 2 minutes");
            }

            await Task.Delay(PollEvery, cancellationToken);
        }
    }

    /// <summary>The floor: upload, then the worker's calls made by this process in series; also PutObject + GetItem alone.</summary>
    private static async Task<(TimeSpan Chain, TimeSpan PutGet)> FloorAsync(BenchStack stack, string key, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await PutAsync(stack, key, cancellationToken);
        var putDone = clock.Elapsed;
        Message? message = null;
        while (message is null)
        {
            var received = await stack.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = stack.QueueUrl,
                MaxNumberOfMessages = 10,
                WaitTimeSeconds = 20,
                MessageSystemAttributeNames = [.. QueueWorker.ReceivedAttributes],
            }, cancellationToken);
            message = received.Messages?.FirstOrDefault();
        }

        var objectEvent = EnvelopeParser.Parse(message.Body ?? "").Events.Single();
        var head = await stack.S3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = objectEvent.Bucket, Key = objectEvent.Key }, cancellationToken);
        using (var response = await stack.S3.GetObjectAsync(new GetObjectRequest { BucketName = objectEvent.Bucket, Key = objectEvent.Key, EtagToMatch = head.ETag }, cancellationToken))
        {
            await response.ResponseStream.CopyToAsync(Stream.Null, 64 * 1024, cancellationToken);
        }

        await stack.Dynamo.PutItemAsync(new PutItemRequest
        {
            TableName = stack.Table,
            Item = new()
            {
                [RecordTable.BucketAttribute] = new AttributeValue { S = objectEvent.Bucket },
                [RecordTable.KeyAttribute] = new AttributeValue { S = objectEvent.Key },
                [RecordTable.StatusAttribute] = new AttributeValue { S = "PROCESSED" },
                [RecordTable.UpdatedAtAttribute] = new AttributeValue { S = DateTimeOffset.UtcNow.ToString(RecordTable.TimestampFormat, CultureInfo.InvariantCulture) },
            },
        }, cancellationToken);
        var chain = clock.Elapsed;
        await stack.Sqs.DeleteMessageAsync(stack.QueueUrl, message.ReceiptHandle!, cancellationToken);

        var getClock = Stopwatch.StartNew();
        _ = await GetRecordAsync(stack, objectEvent.Key, cancellationToken);
        return (chain, putDone + getClock.Elapsed);
    }

    private static Task PutAsync(BenchStack stack, string key, CancellationToken cancellationToken) =>
        stack.S3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = stack.Bucket,
            Key = key,
            InputStream = new MemoryStream(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("a line of words to count\n", 41)))),
            ContentType = "text/plain",
        }, cancellationToken);

    private static async Task<Dictionary<string, AttributeValue>?> GetRecordAsync(BenchStack stack, string key, CancellationToken cancellationToken)
    {
        var response = await stack.Dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = stack.Table,
            ConsistentRead = true,
            Key = new()
            {
                [RecordTable.BucketAttribute] = new AttributeValue { S = stack.Bucket },
                [RecordTable.KeyAttribute] = new AttributeValue { S = key },
            },
        }, cancellationToken);
        return response.Item is { Count: > 0 } item ? item : null;
    }

    private static async Task DrainAsync(BenchStack stack, CancellationToken cancellationToken)
    {
        while ((await stack.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = stack.QueueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 1 }, cancellationToken)).Messages is { Count: > 0 } messages)
        {
            foreach (var message in messages)
            {
                await stack.Sqs.DeleteMessageAsync(stack.QueueUrl, message.ReceiptHandle!, cancellationToken);
            }
        }
    }
}
