using System.Diagnostics;
using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Amazon.S3.Model;
using FilePipeline.FileRecords;

namespace FilePipeline.Benchmarks;

/// <summary>
/// Section 3: one large object (1 GiB by default, generated text) processed by the real worker process (HeadObject,
/// one streamed GetObject with hash, sniff and text statistics, PutItem), against a plain streamed GetObject of the
/// same object read to the end by this process. The worker's time is its record's processing duration. Its memory:
/// resident set before the object arrives (peak reset through clear_refs where allowed) against the peak while
/// handling it (VmHWM, and RSS sampled every 50 ms). Targets: ratio ≥ 0.9, peak RSS growth ≤ 64 MiB.
/// moto keeps the object in memory: one object, deleted (and the emulator reset) afterwards.
/// </summary>
internal static class LargeObjectSection
{
    private const double TargetRatio = 0.9;
    private const long TargetGrowth = 64L * 1024 * 1024;
    private const string Key = "large/generated.txt";

    public static async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var size = context.Settings.LargeBytes;
        using var stack = await context.FreshStackAsync(cancellationToken);
        var workers = await WorkerProcess.StartReadyAsync(1, stack.WorkerEnvironment(), cancellationToken, context.Settings.Worker);
        var worker = workers[0];
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken); // the provisioning s3:TestEvent is handled; the worker idles
            var peakReset = ProcessStatus.TryResetPeak(worker.Id);
            var baseline = ProcessStatus.Rss(worker.Id);
            using var sampling = new CancellationTokenSource();
            var sampled = SamplePeakRssAsync(worker.Id, sampling.Token);

            var upload = Stopwatch.StartNew();
            await stack.S3.PutObjectAsync(new PutObjectRequest
            {
                BucketName = stack.Bucket,
                Key = Key,
                InputStream = new GeneratedStream(size),
                ContentType = "text/plain",
                AutoCloseStream = true,
            }, cancellationToken);
            upload.Stop();
            var record = await WaitForRecordAsync(stack, TimeSpan.FromMinutes(20), cancellationToken);
            await sampling.CancelAsync();
            var peak = Math.Max(await sampled, peakReset ? ProcessStatus.PeakRss(worker.Id) : 0);
            var workerSeconds = double.Parse(record[nameof(FileRecord.DurationMs)].N, CultureInfo.InvariantCulture) / 1000;
            var size0 = long.Parse(record[nameof(FileRecord.Size)].N, CultureInfo.InvariantCulture);
            if (size0 != size || record[RecordTable.StatusAttribute].S != "PROCESSED")
            {
                throw new InvalidOperationException($"unexpected record: status {record[RecordTable.StatusAttribute].S}, size {size0}");
            }

            var get = TimeSpan.MaxValue;
            for (var i = 0; i < 2; i++)
            {
                get = Min(get, await PlainGetAsync(stack, cancellationToken));
            }

            Report.Line(string.Create(CultureInfo.InvariantCulture,
                $"{size / (1024 * 1024)} MiB text object; upload took {upload.Elapsed.TotalSeconds:F1} s; plain GET best of 2"));
            var ceiling = size / get.TotalSeconds;
            Report.Row("plain streamed GetObject, read to end (ceiling)", ceiling, ceiling);
            Report.Row("worker: GET (a new key: no head) with hash/sniff/text stats + put", size / workerSeconds, ceiling);
            var growth = Math.Max(0, peak - baseline);
            Report.Line(string.Create(CultureInfo.InvariantCulture,
                $"worker RSS {baseline / 1048576.0:F1} MiB before, peak {peak / 1048576.0:F1} MiB: growth {growth / 1048576.0:F1} MiB (ratio to 64 MiB target {(double)growth / TargetGrowth:F2}; VmHWM {(peakReset ? "reset before, read after" : "not resettable here: sampled RSS only")})"));
            Report.Line($"target: ratio >= {TargetRatio:F2}, growth <= 64 MiB; load now {Machine.Load()}");
        }
        finally
        {
            await worker.DisposeAsync();
            await stack.S3.DeleteObjectAsync(stack.Bucket, Key, CancellationToken.None);
            await stack.Emulator.ResetAsync(CancellationToken.None);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static async Task<TimeSpan> PlainGetAsync(BenchStack stack, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var response = await stack.S3.GetObjectAsync(new GetObjectRequest { BucketName = stack.Bucket, Key = Key }, cancellationToken);
        await response.ResponseStream.CopyToAsync(Stream.Null, 64 * 1024, cancellationToken);
        return clock.Elapsed;
    }

    private static async Task<Dictionary<string, AttributeValue>> WaitForRecordAsync(BenchStack stack, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var response = await stack.Dynamo.GetItemAsync(new GetItemRequest
            {
                TableName = stack.Table,
                ConsistentRead = true,
                Key = new()
                {
                    [RecordTable.BucketAttribute] = new AttributeValue { S = stack.Bucket },
                    [RecordTable.KeyAttribute] = new AttributeValue { S = Key },
                },
            }, cancellationToken);
            if (response.Item is { Count: > 0 } item)
            {
                return item;
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"no record for the large object after {timeout.TotalMinutes:0} minutes");
            }

            await Task.Delay(1000, cancellationToken);
        }
    }

    private static async Task<long> SamplePeakRssAsync(int pid, CancellationToken cancellationToken)
    {
        long peak = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            peak = Math.Max(peak, ProcessStatus.Rss(pid));
            try
            {
                await Task.Delay(50, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return Math.Max(peak, ProcessStatus.Rss(pid));
    }
}
