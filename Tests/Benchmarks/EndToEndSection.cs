using System.Diagnostics;
using System.Globalization;
using FilePipeline.Processor;

namespace FilePipeline.Benchmarks;

/// <summary>
/// Section 2: end-to-end throughput on the emulator. N small mixed files are uploaded (a few at a time) while the
/// consumer runs; the figure is files per second from the first upload's start to the last record's ProcessedAt.
/// The worker runs at its defaults (1, 2 and 4 processes); each is compared with the <see cref="SdkLoopConsumer"/>
/// at the same concurrency, measured the same way on a freshly provisioned stack. Target (issue 19): ratio ≥ 0.95 for
/// one and two processes, ≥ 0.85 for four.
/// </summary>
internal static class EndToEndSection
{
    private const double Target = 0.95;
    private const double TargetFourProcesses = 0.85;

    public static async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var defaults = new ProcessorOptions();
        var files = MixedFiles.Create(settings.Files, "e2e", seed: 11);
        Report.Line(string.Create(CultureInfo.InvariantCulture,
            $"{files.Count} files, {files.Sum(f => (long)f.Content.Length) / 1024.0:F0} KiB in all, {settings.Uploaders} concurrent uploads, after {settings.Warmup} warm-up files per consumer process; worker defaults: {defaults.Pollers} pollers x {defaults.MaxConcurrency} in flight, {defaults.WaitTimeSeconds} s long poll"));
        foreach (var processes in settings.Workers)
        {
            var pollers = defaults.Pollers * processes;
            var warmup = MixedFiles.Create(settings.Warmup * processes, "warmup", seed: 5);
            var ratios = new List<double>();
            var loopRatios = new List<double>();
            for (var round = 1; round <= settings.EndToEndRounds; round++)
            {
                if (settings.EndToEndRounds > 1)
                {
                    Report.Line(string.Create(CultureInfo.InvariantCulture, $"  round {round} of {settings.EndToEndRounds}, x {processes}"));
                }

                var ceiling = await MeasureAsync(context, warmup, files, settings, cancellationToken,
                    (stack, ct) => StartSdkLoop(new SdkLoopConsumer(stack, pollers, defaults.MaxConcurrency, defaults.WaitTimeSeconds, defaults.VisibilityTimeoutSeconds), ct));
                Report.Rate($"SDK loop, {pollers} pollers x {defaults.MaxConcurrency} (ceiling)", ceiling, ceiling, "files/s");

                var worker = await MeasureAsync(context, warmup, files, settings, cancellationToken, async (stack, ct) =>
                {
                    var workers = await WorkerProcess.StartReadyAsync(processes, stack.WorkerEnvironment(), ct, settings.Worker);
                    return new Consumer(
                        FailWhenOneExitsAsync(workers),
                        [.. workers.Select(w => w.Id)],
                        () => Task.WhenAll(workers.Select(w => w.DisposeAsync().AsTask())));
                });
                Report.Rate($"worker x {processes} process{(processes == 1 ? "" : "es")} at defaults", worker, ceiling, "files/s");
                ratios.Add(worker / ceiling);
                if (processes == 1)
                {
                    var withRecord = await MeasureAsync(context, warmup, files, settings, cancellationToken,
                        (stack, ct) => StartSdkLoop(new SdkLoopConsumer(stack, pollers, defaults.MaxConcurrency, defaults.WaitTimeSeconds, defaults.VisibilityTimeoutSeconds, workerRequests: true), ct));
                    Report.Rate("  SDK loop making the worker's record requests (consistent GetItem, conditional full item)", withRecord, ceiling, "files/s");
                    Report.Line(string.Create(CultureInfo.InvariantCulture,
                        $"  worker x 1 / SDK loop making the worker's record requests: {worker / withRecord:F2} (the worker's own code and what it measures, against the same requests)"));
                    loopRatios.Add(worker / withRecord);
                }
            }

            if (settings.EndToEndRounds > 1)
            {
                var each = string.Join(", ", ratios.Select(r => r.ToString("F2", CultureInfo.InvariantCulture)));
                var loop = loopRatios.Count > 0
                    ? string.Create(CultureInfo.InvariantCulture, $"; worker / SDK loop making its record requests {Percentiles.Median(loopRatios):F2}")
                    : "";
                Report.Line(string.Create(CultureInfo.InvariantCulture, $"  x {processes}: worker / ceiling, median of {ratios.Count} rounds {Percentiles.Median(ratios):F2} ({each}){loop}"));
            }
        }

        Report.Line(string.Create(CultureInfo.InvariantCulture, $"target: worker ratio >= {Target:F2} (x 1, x 2), >= {TargetFourProcesses:F2} (x 4); load now {Machine.Load()}"));
    }

    /// <summary>
    /// One run on a fresh stack: starts the consumer (and waits until it is ready), uploads every file, waits for
    /// every record, stops the consumer; files per second from the first upload to the newest record's time.
    /// </summary>
    private static async Task<double> MeasureAsync(
        BenchmarkContext context, IReadOnlyList<UploadFile> warmup, IReadOnlyList<UploadFile> files, BenchmarkSettings settings, CancellationToken cancellationToken,
        Func<BenchStack, CancellationToken, Task<Consumer>> startConsumer)
    {
        using var stack = await context.FreshStackAsync(cancellationToken);
        var consumer = await startConsumer(stack, cancellationToken);
        try
        {
            // Warm-up: the consumer's code paths are compiled and its connections open before the clock starts.
            await stack.UploadAsync(warmup, settings.Uploaders, cancellationToken);
            await WaitForRecordsAsync(stack, consumer.Running, warmup.Count, settings.EndToEndTimeout, cancellationToken);
            await SettleAsync(consumer, cancellationToken);

            var cpu = CpuTimes.Read(stack.Emulator.ProcessId, consumer.Processes);
            var first = DateTimeOffset.UtcNow;
            await stack.UploadAsync(files, settings.Uploaders, cancellationToken);
            var uploaded = DateTimeOffset.UtcNow - first;
            await WaitForRecordsAsync(stack, consumer.Running, warmup.Count + files.Count, settings.EndToEndTimeout, cancellationToken);
            var spent = CpuTimes.Read(stack.Emulator.ProcessId, consumer.Processes) - cpu;
            var times = await stack.RecordTimesAsync(cancellationToken);
            if (times.Count != warmup.Count + files.Count)
            {
                throw new InvalidOperationException($"the table's item count said every record was written, a scan finds {times.Count} of {warmup.Count + files.Count}");
            }

            var last = times.Max(); // warm-up records are all older than the first upload
            var elapsed = last - first;
            Report.Line(string.Create(CultureInfo.InvariantCulture,
                $"  uploads took {uploaded.TotalSeconds:F1} s ({files.Count / uploaded.TotalSeconds:F1} files/s), last record after {elapsed.TotalSeconds:F1} s; CPU per file: moto {spent.Emulator.TotalMilliseconds / files.Count:F1} ms, this process {spent.Self.TotalMilliseconds / files.Count:F1} ms, workers {spent.Workers.TotalMilliseconds / files.Count:F1} ms"));
            return files.Count / elapsed.TotalSeconds;
        }
        finally
        {
            await consumer.Stop();
        }
    }

    /// <summary>
    /// Waits until the consumer is idle (long polls open, nothing to do): at most 30 ms of CPU in a second per process
    /// (its own processes, or this one for a loop running here), for at most 20 s. Tiered compilation keeps
    /// recompiling hot methods for seconds after the warm-up; without the wait, that ran in the measured window of
    /// every fresh worker process, and only in the first run of the loop (this process stays warm across runs).
    /// </summary>
    private static async Task SettleAsync(Consumer consumer, CancellationToken cancellationToken)
    {
        const double IdleMs = 30;
        var processes = Math.Max(1, consumer.Processes.Count);
        var clock = Stopwatch.StartNew();
        var first = double.NaN;
        double perProcess;
        do
        {
            var from = CpuTimes.Read(null, consumer.Processes);
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var spent = CpuTimes.Read(null, consumer.Processes) - from;
            perProcess = (consumer.Processes.Count > 0 ? spent.Workers : spent.Self).TotalMilliseconds / processes;
            first = double.IsNaN(first) ? perProcess : first;
        }
        while (perProcess > IdleMs && clock.Elapsed < TimeSpan.FromSeconds(20));

        Report.Line(string.Create(CultureInfo.InvariantCulture,
            $"  after warm-up: {first:F0} ms CPU per second per {(consumer.Processes.Count > 0 ? "worker process" : "this process")}, {perProcess:F0} ms when the clock started ({clock.Elapsed.TotalSeconds:F0} s later)"));
    }

    /// <summary>An SDK loop in this process, running until the consumer is stopped.</summary>
    private static Task<Consumer> StartSdkLoop(SdkLoopConsumer consumer, CancellationToken cancellationToken)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = consumer.RunAsync(stop.Token);
        return Task.FromResult(new Consumer(running, [], async () =>
        {
            await stop.CancelAsync();
            await running;
            stop.Dispose();
        }));
    }

    private static async Task FailWhenOneExitsAsync(List<WorkerProcess> workers)
    {
        await Task.WhenAny(workers.Select(w => w.Exited));
        throw new InvalidOperationException("a worker exited: " + string.Join(Environment.NewLine, workers.Select(w => w.Output)));
    }

    private static async Task WaitForRecordsAsync(BenchStack stack, Task running, int expected, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (running.IsCompleted)
            {
                await running; // a consumer that stopped on its own has failed: surface why
                throw new InvalidOperationException("the consumer stopped before every record was written");
            }

            var count = await stack.RecordCountAsync(cancellationToken);
            if (count >= expected)
            {
                return;
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"{count} of {expected} records after {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(500, cancellationToken);
        }
    }
}

/// <summary>A running consumer: the task that ends only if it fails, its worker processes (if any), and how to stop it.</summary>
internal sealed record Consumer(Task Running, IReadOnlyList<int> Processes, Func<Task> Stop);
