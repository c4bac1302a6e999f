using System.Diagnostics;
using FilePipeline.Tests.AppHost;
using FilePipeline.Tests.Emulator;
using FilePipeline.Tests.Processor;

namespace FilePipeline.Tests.Reliability;

/// <summary>
/// Issue 6, point 3: the real worker process killed with SIGKILL while it holds messages; a second worker picks
/// them up once their visibility timeout runs out. Every file ends as one record equal to its object, written once;
/// every message the dead worker held came back and was either written on its second receive or found current.
/// </summary>
[Collection(nameof(PipelineUnderLoad))]
public sealed class CrashTests(MotoFixture moto)
{
    private const int VisibilityTimeoutSeconds = 10;

    // The victim starts at most this many messages a second: a batch (up to 10 per poll, 2 pollers) takes it
    // seconds, and it deletes a batch only when the whole batch is done, so it always holds messages while the
    // queue has any: the kill cannot land between batches.
    private const int VictimMessagesPerSecond = 5;

    [Fact]
    public async Task Worker_killed_mid_batch_loses_nothing_and_duplicates_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        const int files = 200;
        await using var stack = await PipelineStack.ProvisionAsync(moto, ct);
        var uploaded = await stack.UploadAsync("crash/", files, concurrency: 16, ct);
        var settings = new Dictionary<string, string> { ["Processor__VisibilityTimeoutSeconds"] = VisibilityTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var victimSettings = new Dictionary<string, string>(settings) { ["Processor__MaxMessagesPerSecond"] = VictimMessagesPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture) };

        int inFlight, recordsAtKill, victimPid, heldByTheDead;
        using (var victim = await PipelineWorker.StartAsync(moto, stack, moto.Url, victimSettings, ct))
        {
            victimPid = victim.Id;
            await PipelineWorker.WaitForRecordsAsync(stack, 20, TimeSpan.FromMinutes(2), ct);
            (_, inFlight) = await Eventually.WaitAsync(() => stack.QueueCountsAsync(stack.QueueUrl, ct), counts => counts.InFlight > 0, TimeSpan.FromSeconds(30), "messages in flight", ct);
            ProcessTable.Signal(victim.Id, "KILL");
            Assert.Equal(137, await victim.WaitForExitAsync(TimeSpan.FromSeconds(10), ct));
            recordsAtKill = await stack.CountRecordsAsync(ct);
            (_, heldByTheDead) = await stack.QueueCountsAsync(stack.QueueUrl, ct);
        }

        var killed = Stopwatch.StartNew();
        using var survivor = await PipelineWorker.StartAsync(moto, stack, moto.Url, settings, ct);
        await PipelineWorker.WaitForRecordsAsync(stack, files, TimeSpan.FromMinutes(3), ct);
        await Eventually.WaitAsync(() => stack.DepthAsync(stack.QueueUrl, ct), d => d == 0, TimeSpan.FromSeconds(60), "an empty queue", ct);
        var done = killed.Elapsed;

        // The survivor logs a line per record it writes and per message whose record it found current; its console
        // logger writes asynchronously, so wait for the lines of every record it must have written.
        var survivorWrites = await Eventually.WaitAsync(() => Task.FromResult(PipelineWorker.Count(survivor, "Record s3://")),
            count => count >= files - recordsAtKill, TimeSpan.FromSeconds(30), $"{files - recordsAtKill} record lines from the new worker", ct);
        var stored = await stack.StoredRecordsAsync(ct);
        var deadLetters = await stack.DrainDeadLettersAsync(ct);
        var redelivered = stored.Count(s => s.Record.Attempts > 1);
        // A held message whose record the dead worker had written comes back to a record that already describes its
        // object: the new worker reads nothing and writes nothing (docs/processor.md), and logs that it found it current.
        var current = PipelineWorker.Count(survivor, "already describes the object's current version");
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"crash: worker pid {victimPid} (at most {VictimMessagesPerSecond} messages/s) SIGKILLed with {inFlight} messages in flight and {recordsAtKill} of {files} records written; " +
            $"{heldByTheDead} still invisible right after the kill; a new worker finished {done.TotalSeconds:F1} s after the kill " +
            $"(visibility timeout {VisibilityTimeoutSeconds} s); {stored.Count} records, {survivorWrites} written by the new worker, {redelivered} on a second receive, " +
            $"{current} found current, {deadLetters.Count} in the DLQ");

        // Nothing lost, nothing written twice: one record per object, equal to it, revision 1.
        await stack.AssertRecordedOnceAsync(uploaded, ct);
        Assert.Empty(deadLetters);
        Assert.True(heldByTheDead > 0, $"the kill found no message held by the victim ({inFlight} were in flight just before)");
        // The new worker wrote exactly the records the dead one had not (each once), and no more.
        Assert.Equal(files - recordsAtKill, survivorWrites);
        // Every message the dead worker held came back: written on its second receive (the victim had not written it)
        // or found current (the victim had written it but not deleted it). A redelivery that is neither was lost.
        Assert.True(redelivered + current >= heldByTheDead,
            $"{heldByTheDead} messages were held by the dead worker; the new worker wrote {redelivered} records on a second receive and found {current} current");
        Assert.InRange(redelivered, 1, heldByTheDead);
        Assert.InRange(current, 0, heldByTheDead);
    }
}
