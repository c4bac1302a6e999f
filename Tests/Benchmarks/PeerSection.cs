using System.Diagnostics;
using System.Globalization;
using Amazon.SQS.Model;

namespace FilePipeline.Benchmarks;

/// <summary>
/// Section 7: CPU per file of the worker against the pipelines it replaces: a Python boto3 handler
/// (peer/boto3_handler.py: one poller, its batch of 10 in series, head_object, get_object read whole + SHA-256,
/// put_item, delete per message), on the same moto and the same files. Each run: a fresh stack, the consumer started
/// and warmed up (<c>--peer-warmup</c>, 500 files: the worker's JIT compiles its hot paths meanwhile; its CPU per file then is printed too), then paused (SIGSTOP) while the files are queued, resumed, and measured until the queue
/// is empty: CPU of the consumer process and of moto per file, and files/s from the first record to the last. Runs
/// alternate (worker, boto3, worker, ...) so load from elsewhere falls on both. Target: worker CPU per file at most
/// half the boto3 handler's. With <c>--profile PATH</c> the worker's runs are also sampled by
/// <c>perf record</c> (perf map on), and the report by shared object is printed.
/// </summary>
internal static class PeerSection
{
    private const double Target = 0.5;

    public static async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        await PeerProcess.CheckAsync(cancellationToken);
        var settings = context.Settings;
        var files = MixedFiles.Create(settings.PeerFiles, "peer", seed: 13);
        var warmup = MixedFiles.Create(settings.PeerWarmup, "warmup", seed: 5);
        Report.Line(string.Create(CultureInfo.InvariantCulture,
            $"{files.Count} files queued ({files.Sum(f => (long)f.Content.Length) / 1024.0:F0} KiB) after {warmup.Count} warm-up files, {settings.PeerRounds} runs of each consumer, alternating"));
        var worker = new List<PeerRun>();
        var peer = new List<PeerRun>();
        for (var round = 1; round <= settings.PeerRounds; round++)
        {
            worker.Add(await MeasureAsync(context, "worker x 1 at defaults", warmup, files, settings.Profile is { } path ? $"{path}.{round}" : null, cancellationToken,
                async (stack, ct) =>
                {
                    var environment = stack.WorkerEnvironment();
                    if (settings.Profile is not null)
                    {
                        environment["DOTNET_PerfMapEnabled"] = "1";
                        // JIT-compiled code is double-mapped (W^X) by default, and perf cannot name what runs there.
                        environment["DOTNET_EnableWriteXorExecute"] = "0";
                    }

                    var started = await WorkerProcess.StartReadyAsync(1, environment, ct, settings.Worker);
                    return (started[0].Id, started[0]);
                }));
            peer.Add(await MeasureAsync(context, "boto3 handler (1 poller, batch in series)", warmup, files, null, cancellationToken,
                async (stack, ct) =>
                {
                    var started = await PeerProcess.StartReadyAsync(stack.WorkerEnvironment(), ct);
                    return (started.Id, started);
                }));
        }

        var workerCpu = Percentiles.Median(worker.Select(run => run.CpuPerFile));
        var peerCpu = Percentiles.Median(peer.Select(run => run.CpuPerFile));
        Report.Line(string.Create(CultureInfo.InvariantCulture,
            $"{"median CPU per file: worker / boto3 handler",-60} {workerCpu:F2} / {peerCpu:F2} ms   ratio {workerCpu / peerCpu:F2} (target <= {Target:F2})"));
        Report.Line(string.Create(CultureInfo.InvariantCulture,
            $"{"median files/s: worker / boto3 handler",-60} {Percentiles.Median(worker.Select(run => run.Rate)):F1} / {Percentiles.Median(peer.Select(run => run.Rate)):F1}   ratio {Percentiles.Median(worker.Select(run => run.Rate)) / Percentiles.Median(peer.Select(run => run.Rate)):F2}"));
        Report.Line($"load now {Machine.Load()}");
    }

    private static async Task<PeerRun> MeasureAsync(
        BenchmarkContext context, string name, IReadOnlyList<UploadFile> warmup, IReadOnlyList<UploadFile> files, string? profile, CancellationToken cancellationToken,
        Func<BenchStack, CancellationToken, Task<(int Pid, IAsyncDisposable Process)>> start)
    {
        var timeout = context.Settings.EndToEndTimeout;
        using var stack = await context.FreshStackAsync(cancellationToken);
        var (pid, process) = await start(stack, cancellationToken);
        await using var _ = process;
        var warmupCpu = CpuTimes.Read(null, [pid]);
        await stack.UploadAsync(warmup, 4, cancellationToken);
        await WaitAsync(() => stack.RecordCountAsync(cancellationToken), warmup.Count, timeout, "warm-up records", cancellationToken);
        await WaitForEmptyQueueAsync(stack, timeout, cancellationToken);
        if (warmup.Count > 0)
        {
            var warmupSpent = CpuTimes.Read(null, [pid]) - warmupCpu;
            Report.Line(string.Create(CultureInfo.InvariantCulture,
                $"  {name}: during its {warmup.Count} warm-up files, CPU per file {warmupSpent.Workers.TotalMilliseconds / warmup.Count:F2} ms (a worker's JIT compiles its hot paths then)"));
        }

        var warmedUp = (await stack.RecordTimesAsync(cancellationToken)).Max();

        Signal(pid, "STOP");
        try
        {
            await stack.UploadAsync(files, 4, cancellationToken);
            await WaitAsync(() => QueuedAsync(stack, cancellationToken), files.Count, timeout, "queued messages", cancellationToken);
        }
        finally
        {
            Signal(pid, "CONT");
        }

        var cpu = CpuTimes.Read(stack.Emulator.ProcessId, [pid]);
        using var perf = profile is null ? null : StartPerf(pid, profile);
        await WaitAsync(() => stack.RecordCountAsync(cancellationToken), warmup.Count + files.Count, timeout, "records", cancellationToken);
        await WaitForEmptyQueueAsync(stack, timeout, cancellationToken);
        var spent = CpuTimes.Read(stack.Emulator.ProcessId, [pid]) - cpu;
        if (perf is not null)
        {
            Signal(perf.Id, "INT");
            await perf.WaitForExitAsync(cancellationToken);
        }

        var times = (await stack.RecordTimesAsync(cancellationToken)).Where(time => time > warmedUp).Order().ToList();
        var rate = (times.Count - 1) / (times[^1] - times[0]).TotalSeconds;
        var run = new PeerRun(rate, spent.Workers.TotalMilliseconds / files.Count, spent.Emulator.TotalMilliseconds / files.Count);
        Report.Line(string.Create(CultureInfo.InvariantCulture,
            $"{name,-60} {run.Rate,10:F1} files/s   CPU per file {run.CpuPerFile:F2} ms (moto {run.EmulatorCpuPerFile:F1} ms); load {Machine.Load()}"));
        if (profile is not null)
        {
            await PrintProfileAsync(profile, cancellationToken);
        }

        return run;
    }

    /// <summary>Messages in the queue, visible or in flight.</summary>
    private static async Task<int> QueuedAsync(BenchStack stack, CancellationToken cancellationToken)
    {
        var attributes = await stack.Sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = stack.QueueUrl,
            AttributeNames = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
        }, cancellationToken);
        return attributes.ApproximateNumberOfMessages + attributes.ApproximateNumberOfMessagesNotVisible;
    }

    private static async Task WaitForEmptyQueueAsync(BenchStack stack, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (await QueuedAsync(stack, cancellationToken) is var queued and > 0)
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"{queued} messages still queued after {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private static async Task WaitAsync(Func<Task<int>> count, int expected, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (await count() is var now && now < expected)
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"{now} of {expected} {what} after {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    private static Process StartPerf(int pid, string output)
    {
        var start = new ProcessStartInfo("perf") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var argument in new[] { "record", "-F", "999", "-g", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", output })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("could not start perf");
    }

    /// <summary>Where the worker's samples fell, by shared object (the JIT-compiled code is <c>perf-PID.map</c>).</summary>
    private static async Task PrintProfileAsync(string profile, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("perf") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "report", "-i", profile, "--stdio", "--no-children", "--sort", "dso", "-g", "none", "--percent-limit", "1" })
        {
            start.ArgumentList.Add(argument);
        }

        using var report = Process.Start(start) ?? throw new InvalidOperationException("could not start perf report");
        var text = await report.StandardOutput.ReadToEndAsync(cancellationToken);
        await report.WaitForExitAsync(cancellationToken);
        foreach (var line in text.Split('\n').Where(line => line.Length > 0 && !line.StartsWith('#')))
        {
            Report.Line("  perf: " + line.Trim());
        }

        Report.Line($"  perf data: {profile} (perf report -i {profile} --no-children --sort symbol)");
    }

    private sealed record PeerRun(double Rate, double CpuPerFile, double EmulatorCpuPerFile);
}
