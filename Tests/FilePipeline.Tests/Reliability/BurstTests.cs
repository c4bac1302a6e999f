using System.Diagnostics;
using FilePipeline.Tests.Emulator;
using FilePipeline.Tests.Processor;

namespace FilePipeline.Tests.Reliability;

/// <summary>Issue 6, point 1: a burst of concurrent uploads through the real worker process becomes one record per file.</summary>
[Collection(nameof(PipelineUnderLoad))]
public sealed class BurstTests(MotoFixture moto)
{
    private const int Files = 1_000;

    [Fact]
    public async Task Thousand_concurrent_uploads_become_exactly_a_thousand_records()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = await PipelineStack.ProvisionAsync(moto, ct);
        using var worker = await PipelineWorker.StartAsync(moto, stack, moto.Url, null, ct);

        var total = Stopwatch.StartNew();
        var objects = await stack.UploadAsync("burst/", Files, concurrency: 16, ct);
        var uploaded = total.Elapsed;
        await PipelineWorker.WaitForRecordsAsync(stack, Files, TimeSpan.FromMinutes(6), ct);
        var recorded = total.Elapsed;
        var depth = await Eventually.WaitAsync(() => stack.DepthAsync(stack.QueueUrl, ct), d => d == 0, TimeSpan.FromSeconds(60), "an empty queue", ct);

        var records = await stack.RecordsAsync(ct);
        var deadLetters = await stack.DrainDeadLettersAsync(ct);
        // One line per record written; the console logger writes asynchronously, so wait until the last ones are out.
        var written = await Eventually.WaitAsync(() => Task.FromResult(PipelineWorker.Count(worker, "Record s3://")), count => count >= Files,
            TimeSpan.FromSeconds(30), $"{Files} record lines", ct);
        var retried = records.Count(record => record.Attempts > 1);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"burst: {Files} files uploaded (16 at a time) in {uploaded.TotalSeconds:F1} s; {records.Count} records after {recorded.TotalSeconds:F1} s " +
            $"({Files / recorded.TotalSeconds:F1} files/s end to end); {written} record writes, {retried} records needed a second receive; " +
            $"{deadLetters.Count} in the DLQ, {depth} left on the queue");
        // Exactly a thousand: one record per object, equal to it, each written once, and one logged write per object.
        await stack.AssertRecordedOnceAsync(objects, ct);
        Assert.All(records, record => Assert.Equal(stack.Bucket, record.Bucket));
        Assert.Equal(Files, written);
        Assert.Empty(deadLetters);
        Assert.Equal(0, depth);
    }
}
