using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FilePipeline.Provisioning;

namespace FilePipeline.Benchmarks;

/// <summary>
/// Section 5: cold start of the Lambda bootstrap, measured by the project's own tool, Processor/tools/coldstart.py
/// (a fake Runtime API on loopback; process start → first <c>/invocation/next</c>, CPU and RSS then, the first
/// invocation). The ceiling is the same code run as a plain JIT app (<c>dotnet FilePipeline.Processor.dll</c>); the
/// published bootstrap comes from <c>--bootstrap PATH</c> (scripts/publish-lambda.sh builds one).
/// <c>--bootstrap-before PATH</c> adds an earlier build's bootstrap as a third case, so before and after come from
/// one interleaved run. Telemetry is at the Lambda's default (traces recorded, nothing exported).
/// Targets for the published one: start → first <c>/next</c> ≤ 15 ms (median), peak RSS ≤ 25 MB, first invocation ≤ 2 ms.
/// </summary>
internal static class LambdaSection
{
    private const double TargetMilliseconds = 15;
    private const double TargetMegabytes = 25;
    private const double TargetInvocationMilliseconds = 2;
    private const string Tool = "Processor/tools/coldstart.py";

    public static async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var root = LambdaPackage.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException($"cannot find the repository (for {Tool}) above {AppContext.BaseDirectory}");
        var json = Path.Combine(Path.GetTempPath(), $"filepipeline-coldstart-{Guid.NewGuid():N}.json");
        var start = new ProcessStartInfo("python3") { UseShellExecute = false, WorkingDirectory = Path.GetTempPath() };
        foreach (var argument in new[] { Path.Combine(root, Tool), "--runs", context.Settings.LambdaRuns.ToString(CultureInfo.InvariantCulture),
                     "--baseline", "jit", "--json", json,
                     "--target-ms", TargetMilliseconds.ToString(CultureInfo.InvariantCulture), "--target-mib", (TargetMegabytes / 1.048576).ToString("F1", CultureInfo.InvariantCulture),
                     $"jit={Quote(DotnetHost.Path)} {Quote(WorkerProcess.ProcessorDll)}" })
        {
            start.ArgumentList.Add(argument);
        }

        if (context.Settings.BootstrapBefore is { } before)
        {
            start.ArgumentList.Add($"before={Quote(Path.GetFullPath(before))}");
        }

        if (context.Settings.Bootstrap is { } bootstrap)
        {
            start.ArgumentList.Add($"published={Quote(Path.GetFullPath(bootstrap))}");
        }
        else
        {
            Report.Line("published bootstrap: none given (--bootstrap PATH or FILEPIPELINE_BENCH_BOOTSTRAP=PATH)");
        }

        try
        {
            // The tool prints its own table (interleaved runs, medians) above the figures reported here.
            using var tool = Process.Start(start) ?? throw new InvalidOperationException($"could not start python3 {Tool}");
            await tool.WaitForExitAsync(cancellationToken);
            if (tool.ExitCode != 0)
            {
                throw new InvalidOperationException($"{Tool} failed with exit code {tool.ExitCode} (its output is above)");
            }

            using var figures = JsonDocument.Parse(await File.ReadAllTextAsync(json, cancellationToken));
            var medians = figures.RootElement.GetProperty("medians");
            var jit = medians.GetProperty("jit");
            Print("JIT (ceiling)", jit, jit);
            if (medians.TryGetProperty("before", out var earlier))
            {
                Print("published, before (--bootstrap-before)", earlier, jit);
            }

            if (medians.TryGetProperty("published", out var published))
            {
                Print("published", published, jit);
            }
        }
        finally
        {
            File.Delete(json);
        }

        Report.Line($"target (published): start -> first /next <= {TargetMilliseconds:0} ms (median), peak RSS <= {TargetMegabytes:0} MB, first invocation <= {TargetInvocationMilliseconds:0} ms; load now {Machine.Load()}");
    }

    private static void Print(string what, JsonElement result, JsonElement ceiling)
    {
        TimeSpan Milliseconds(JsonElement figures, string name) => TimeSpan.FromMilliseconds(figures.GetProperty(name).GetDouble());
        Report.Duration($"{what}: start -> first /next", Milliseconds(result, "start_to_next_ms"), Milliseconds(ceiling, "start_to_next_ms"));
        Report.Duration($"{what}: CPU time to first /next", Milliseconds(result, "cpu_to_next_ms"), Milliseconds(ceiling, "cpu_to_next_ms"));
        Report.Duration($"{what}: first invocation", Milliseconds(result, "first_invocation_ms"), Milliseconds(ceiling, "first_invocation_ms"));
        var rss = result.GetProperty("rss_at_next_mib").GetDouble() * 1.048576;
        var peak = result.GetProperty("peak_rss_mib").GetDouble() * 1.048576;
        var ceilingPeak = ceiling.GetProperty("peak_rss_mib").GetDouble() * 1.048576;
        Report.Line(string.Create(CultureInfo.InvariantCulture,
            $"{what + ": peak RSS",-60} {peak,10:F1} MB   ratio {ceilingPeak / peak:F2}   (at first /next {rss:F1} MB)"));
    }

    /// <summary>Single-quotes a path for the tool's shell-like splitting of a case's command.</summary>
    private static string Quote(string path) => "'" + path.Replace("'", "'\"'\"'", StringComparison.Ordinal) + "'";
}
