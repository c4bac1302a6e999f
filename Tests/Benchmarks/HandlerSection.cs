using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace FilePipeline.Benchmarks;

/// <summary>Runs <see cref="HandlerBenchmarks"/> (BenchmarkDotNet, short job) and prints each figure against its target.</summary>
internal static class HandlerSection
{
    private const double TargetNanoseconds = 3_000; // issue 19
    private const double TargetBytes = 2_048;

    public static Task RunAsync(CancellationToken cancellationToken)
    {
        var config = ManualConfig.Create(DefaultConfig.Instance)
            // In process: the out-of-process toolchain looks for FilePipeline.Benchmarks.csproj, and the project is Benchmarks.csproj.
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .WithOptions(ConfigOptions.DisableLogFile);
        var summary = BenchmarkRunner.Run<HandlerBenchmarks>(config);
        if (summary.HasCriticalValidationErrors || summary.Reports.Any(report => report.ResultStatistics is null))
        {
            throw new InvalidOperationException("BenchmarkDotNet did not measure every handler benchmark (see its log above)");
        }

        foreach (var report in summary.Reports)
        {
            var nanoseconds = report.ResultStatistics?.Mean ?? double.NaN;
            var bytes = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? 0;
            Report.Line(string.Create(CultureInfo.InvariantCulture,
                $"{report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo,-48} {nanoseconds / 1000,8:F2} µs (ratio to 3 µs target {nanoseconds / TargetNanoseconds:F2})   {bytes,6} B (ratio to 2 KB target {bytes / TargetBytes:F2})"));
        }

        // The same work timed on the thread's CPU clock: the wall-clock means above count the time the benchmark waits for
        // a core, which on a shared two-core machine can be most of it. One build's figure still differs from run to run
        // (docs/benchmarks.md, "Issue 19, fifth pass"): 41 short rounds, their median and the fastest quarter's bound (p25).
        var benchmarks = new HandlerBenchmarks();
        foreach (var (name, operation, perCall) in new (string, Func<int>, int)[]
        {
            ("one message: parse + decode + record + item", benchmarks.OneMessage, 1),
            ("one SNS-wrapped message", benchmarks.OneSnsMessage, 1),
            ("envelope parse only (key decoded)", () => benchmarks.ParseOnly().Events.Count, 1),
            ("batch of 10, per message", benchmarks.BatchOfTen, 10),
        })
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (median, p25) = ThreadCpuClock.PerOperation(operation, perCall, rounds: 41, roundLength: TimeSpan.FromMilliseconds(50));
            Report.Line(string.Create(CultureInfo.InvariantCulture,
                $"{"CPU time per message, " + name,-66} median {median / 1000,6:F2} µs, p25 {p25 / 1000,6:F2} µs (ratios to 3 µs target {median / TargetNanoseconds:F2}, {p25 / TargetNanoseconds:F2})"));
        }

        // The message against the floor any parser of its body pays here (a bare Utf8JsonReader pass), in alternating
        // rounds: the ratio is the handler's own cost in units of this machine's speed at that minute.
        var (ratios, message, floor) = ThreadCpuClock.Alternating(benchmarks.OneMessage, benchmarks.BareTokenize, rounds: 41, roundLength: TimeSpan.FromMilliseconds(50));
        Report.Line(string.Create(CultureInfo.InvariantCulture,
            $"{"one message / bare Utf8JsonReader pass over its body",-66} median {ratios.Median,6:F2}, p25 {ratios.P25,6:F2} (the pass: median {floor.Median / 1000:F2} µs, p25 {floor.P25 / 1000:F2} µs; the message: median {message.Median / 1000:F2} µs)"));
        return Task.CompletedTask;
    }
}
