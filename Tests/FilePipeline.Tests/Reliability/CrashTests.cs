using System.Diagnostics;
using FilePipeline.FileRecords;
using FilePipeline.Tests.AppHost;
using FilePipeline.Tests.Infrastructure;
using FilePipeline.Tests.Processor;

namespace FilePipeline.Tests.Reliability;

/// <summary>
/// Issue 6, point 3: the real worker process killed with SIGKILL while it holds messages; a second worker picks
/// them up once their visibility timeout runs out, and every file ends as exactly one record.
/// </summary>
[Collection(nameof(PipelineUnderLoad))]
public sealed class CrashTests(MotoFixture moto)
{
    private const int VisibilityTimeoutSeconds = 10;

    [Fact]
    public async Task Worker_killed_mid_batch_loses_nothing_and_duplicates_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        const int files = 200;
        await using var stack = await PipelineStack.ProvisionAsync(moto, ct);
        var keys = await stack.UploadAsync("crash/", files, concurrency: 16, ct);
        var settings = new Dictionary<string, string> { ["Processor__VisibilityTimeoutSeconds"] = VisibilityTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) };

        int inFlight, recordsAtKill, victimPid;
        using (var victim = await PipelineWorker.StartAsync(moto, stack, moto.Url, settings, ct))
        {
            victimPid = victim.Id;
            await PipelineWorker.WaitForRecordsAsync(stack, 20, TimeSpan.FromMinutes(2), ct);
            (_, inFlight) = await Eventually.WaitAsync(() => stack.QueueCountsAsync(stack.QueueUrl, ct), counts => counts.InFlight > 0, TimeSpan.FromSeconds(30), "messages in flight", ct);
            ProcessTable.Signal(victim.Id, "KILL");
            Assert.Equal(137, await victim.WaitForExitAsync(TimeSpan.FromSeconds(10), ct));
            recordsAtKill = await stack.CountRecordsAsync(ct);
        }

        var killed = Stopwatch.StartNew();
        var (_, heldByTheDead) = await stack.QueueCountsAsync(stack.QueueUrl, ct);
        using var survivor = await PipelineWorker.StartAsync(moto, stack, moto.Url, settings, ct);
        await PipelineWorker.WaitForRecordsAsync(stack, files, TimeSpan.FromMinutes(3), ct);
        await Eventually.WaitAsync(() => stack.DepthAsync(stack.QueueUrl, ct), d => d == 0, TimeSpan.FromSeconds(60), "an empty queue", ct);
        var done = killed.Elapsed;

        var records = await stack.RecordsAsync(ct);
        var deadLetters = await stack.DrainDeadLettersAsync(ct);
        var redelivered = records.Count(record => record.Attempts > 1);
        // A held message whose record the dead worker had written comes back to a record that already describes its
        // object: the new worker reads nothing and writes nothing (docs/processor.md), and logs that it found it current.
        var current = PipelineWorker.Count(survivor, "already describes the object's current version");
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"crash: worker pid {victimPid} SIGKILLed with {inFlight} messages in flight and {recordsAtKill} of {files} records written; " +
            $"{heldByTheDead} still invisible right after the kill; a new worker finished {done.TotalSeconds:F1} s after the kill " +
            $"(visibility timeout {VisibilityTimeoutSeconds} s); {records.Count} records, {redelivered} written on a second receive, {current} found current, {deadLetters.Count} in the DLQ");
        Assert.Equal(keys.Order(StringComparer.Ordinal), records.Select(record => record.Key).Order(StringComparer.Ordinal));
        Assert.All(records, record => Assert.Equal(RecordStatus.Processed, record.Status));
        Assert.Empty(deadLetters);
        Assert.True(heldByTheDead > 0, "the kill landed between batches: nothing was in flight");
        Assert.True(redelivered + current >= heldByTheDead,
            $"{heldByTheDead} messages were held by the dead worker; the new worker wrote {redelivered} records on a second receive and found {current} current");
    }
}
