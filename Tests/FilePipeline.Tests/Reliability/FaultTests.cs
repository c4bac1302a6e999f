using System.Diagnostics;
using FilePipeline.FileRecords;
using FilePipeline.Tests.Infrastructure;
using FilePipeline.Tests.Processor;

namespace FilePipeline.Tests.Reliability;

/// <summary>
/// Issue 6, point 2: the real worker process talks to the emulator through the <see cref="FaultProxy"/>. Under a
/// steady fault rate every file is still recorded exactly once; with the endpoint gone for 10 s the worker backs
/// off, stays up, and catches up by itself once it is back.
/// </summary>
[Collection(nameof(PipelineUnderLoad))]
public sealed class FaultTests(MotoFixture moto)
{
    private const double FaultRate = 0.15;

    private const int VisibilityTimeoutSeconds = 10;

    [Fact]
    public async Task Every_file_is_recorded_exactly_once_through_fifteen_percent_faults()
    {
        var ct = TestContext.Current.CancellationToken;
        const int files = 100;
        await using var stack = await PipelineStack.CreateAsync(moto, maxReceiveCount: 10, visibilityTimeoutSeconds: 30, ct);
        await using var proxy = await FaultProxy.StartAsync(moto.Url, faultRate: 0, seed: 6, cancellationToken: ct);
        // The SDK's own retries off, so every injected fault reaches the product's retry paths (message retry
        // with backoff, redelivery after a lost delete, poller backoff) instead of being absorbed by the client.
        using var worker = await PipelineWorker.StartAsync(moto, stack, proxy.Url, new Dictionary<string, string>
        {
            ["AWS_MAX_ATTEMPTS"] = "1",
            ["Processor__VisibilityTimeoutSeconds"] = "10",
        }, ct);

        proxy.FaultRate = FaultRate;
        var stopwatch = Stopwatch.StartNew();
        var keys = await stack.UploadAsync("faults/", files, concurrency: 8, ct); // straight to the emulator: the faults are the worker's
        await PipelineWorker.WaitForRecordsAsync(stack, files, TimeSpan.FromMinutes(4), ct);
        var depth = await Eventually.WaitAsync(() => stack.DepthAsync(stack.QueueUrl, ct), d => d == 0, TimeSpan.FromSeconds(90), "an empty queue", ct);
        var elapsed = stopwatch.Elapsed;
        proxy.FaultRate = 0;

        var records = await stack.RecordsAsync(ct);
        var deadLetters = await stack.DrainDeadLettersAsync(ct);
        var requests = proxy.Faulted + proxy.Forwarded;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"faults: {files} files through a {FaultRate:P0} fault rate in {elapsed.TotalSeconds:F1} s; proxy saw {requests} requests, " +
            $"faulted {proxy.Faulted} ({proxy.Faulted / (double)requests:P1}): " +
            string.Join(", ", Enum.GetValues<FaultKind>().Select(kind => $"{kind} {proxy.CountOf(kind)}")) +
            $"; worker (SDK retries off): {PipelineWorker.Count(worker, "will be retried in")} message retries, {PipelineWorker.Count(worker, "failed; next poll")} failed receives, " +
            $"{PipelineWorker.Count(worker, "DeleteMessageBatch of")} failed deletes, {PipelineWorker.Count(worker, "Record s3://")} record writes; " +
            $"{records.Count} records ({records.Count(r => r.Attempts > 1)} after more than one receive), {deadLetters.Count} in the DLQ");
        Assert.Equal(keys.Order(StringComparer.Ordinal), records.Select(record => record.Key).Order(StringComparer.Ordinal));
        Assert.All(records, record => Assert.Equal(RecordStatus.Processed, record.Status));
        Assert.Empty(deadLetters);
        Assert.Equal(0, depth);
        Assert.InRange(proxy.Faulted / (double)requests, 0.10, 0.25);
        Assert.True(PipelineWorker.Count(worker, "will be retried in") > 0, "no fault reached the message retry path");
        Assert.All(Enum.GetValues<FaultKind>(), kind => Assert.True(proxy.CountOf(kind) > 0, $"no {kind} was injected"));
        Assert.False(worker.HasExited, "the worker exited under faults");
    }

    [Fact]
    public async Task Worker_recovers_by_itself_after_the_emulator_is_gone_for_ten_seconds()
    {
        var ct = TestContext.Current.CancellationToken;
        const int files = 20;
        var outage = TimeSpan.FromSeconds(10);
        await using var stack = await PipelineStack.CreateAsync(moto, maxReceiveCount: 10, visibilityTimeoutSeconds: 30, ct);
        await using var proxy = await FaultProxy.StartAsync(moto.Url, faultRate: 0, cancellationToken: ct);
        var settings = new Dictionary<string, string> { ["Processor__VisibilityTimeoutSeconds"] = VisibilityTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        using var worker = await PipelineWorker.StartAsync(moto, stack, proxy.Url, settings, ct);
        await stack.UploadAsync("before/", files, concurrency: 8, ct);
        await PipelineWorker.WaitForRecordsAsync(stack, files, TimeSpan.FromMinutes(2), ct);
        await Eventually.WaitAsync(() => stack.DepthAsync(stack.QueueUrl, ct), d => d == 0, TimeSpan.FromSeconds(60), "an empty queue", ct);

        using var process = Process.GetProcessById(worker.Id);
        var cpuBefore = process.TotalProcessorTime;
        var linesBefore = worker.Output.Lines.Count;
        await proxy.StopListeningAsync();
        var down = Stopwatch.StartNew();
        var uploadedAfter = TimeSpan.Zero;
        var uploads = Task.Run(async () => // straight to the emulator: the events queue up meanwhile
        {
            await stack.UploadAsync("during/", files, concurrency: 8, ct);
            uploadedAfter = down.Elapsed;
        }, ct);
        await Task.Delay(outage, ct); // the outage's length is the test's input, not a wait for a condition
        process.Refresh();
        var cpuDuringOutage = process.TotalProcessorTime - cpuBefore;
        var outageLines = worker.Output.Lines.Skip(linesBefore).ToList();
        var failedCalls = outageLines.Count(line => line.Contains("failed; next poll", StringComparison.Ordinal));
        Assert.False(worker.HasExited, "the worker exited while the emulator was gone");
        await proxy.StartListeningAsync(ct);
        var up = Stopwatch.StartNew();
        var downFor = down.Elapsed;
        await uploads;

        // A long poll that moto answered while the port was closing hands its messages to nobody: they stay
        // invisible until the worker's visibility timeout runs out, which bounds the recovery.
        var (_, lostInFlight) = await stack.QueueCountsAsync(stack.QueueUrl, ct);
        await PipelineWorker.WaitForRecordsAsync(stack, 2 * files, TimeSpan.FromMinutes(2), ct);
        var recovered = up.Elapsed;

        var records = await stack.RecordsAsync(ct);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"outage: endpoint gone for {downFor.TotalSeconds:F1} s ({files} uploads done {uploadedAfter.TotalSeconds:F1} s into it); the worker logged {failedCalls} failed receives " +
            $"({outageLines.Count} output lines) and used {cpuDuringOutage.TotalMilliseconds:F0} ms CPU meanwhile; " +
            $"{lostInFlight} messages in flight for a poll whose answer was lost; the {files} files uploaded during the outage were all recorded {recovered.TotalSeconds:F1} s after it came back (visibility timeout {VisibilityTimeoutSeconds} s); same pid {worker.Id}, still running: {!worker.HasExited}");
        Assert.Equal(2 * files, records.Count);
        Assert.All(records, record => Assert.Equal(RecordStatus.Processed, record.Status));
        Assert.Empty(await stack.DrainDeadLettersAsync(ct));
        Assert.False(worker.HasExited, "the worker exited after the outage");
        Assert.InRange(failedCalls, 1, 20); // backed off (1, 2, 4, 8 s per poller), not spinning
        Assert.True(cpuDuringOutage < TimeSpan.FromSeconds(2), $"the worker used {cpuDuringOutage} of CPU while the emulator was gone");
    }
}
