using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace FilePipeline.Benchmarks;

/// <summary>
/// Section 5: cold start of the Lambda bootstrap against a fake Runtime API (<see cref="FakeRuntimeApi"/>): process
/// start → first <c>/invocation/next</c>, RSS then, and the first invocation (an SQS batch with an
/// <c>s3:TestEvent</c>) until the next <c>/next</c>. The ceiling is the same code run as a plain JIT app
/// (<c>dotnet FilePipeline.Processor.dll</c>); the published bootstrap comes from <c>--bootstrap PATH</c>
/// (scripts/publish-lambda.sh builds one; Processor/tools/coldstart.py measures the same with its own fake API).
/// Targets for the published one: ≤ 50 ms and ≤ 40 MB.
/// </summary>
internal static class LambdaSection
{
    private static readonly TimeSpan TargetStart = TimeSpan.FromMilliseconds(50);
    private const long TargetRss = 40L * 1000 * 1000;

    public static async Task RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var runs = context.Settings.LambdaRuns;
        var jit = await MeasureAsync(DotnetHost.Path, [WorkerProcess.ProcessorDll], runs, cancellationToken);
        Report.Line($"{runs} cold starts each (after one warm-up start), median; RSS is the largest seen");
        Report.Line($"JIT = {DotnetHost.Path} {WorkerProcess.ProcessorDll}");
        Print("JIT (ceiling)", jit, jit);
        if (context.Settings.Bootstrap is { } bootstrap)
        {
            var published = await MeasureAsync(Path.GetFullPath(bootstrap), [], runs, cancellationToken);
            Report.Line($"published = {Path.GetFullPath(bootstrap)}");
            Print("published", published, jit);
        }
        else
        {
            Report.Line("published bootstrap: none given (--bootstrap PATH or FILEPIPELINE_BENCH_BOOTSTRAP=PATH)");
        }

        Report.Line($"target (published): start -> first /next <= {TargetStart.TotalMilliseconds:0} ms, RSS <= {TargetRss / 1e6:0} MB; load now {Machine.Load()}");
    }

    private static void Print(string what, ColdStart result, ColdStart ceiling)
    {
        Report.Duration($"{what}: start -> first /next", result.FirstNext, ceiling.FirstNext);
        Report.Duration($"{what}: CPU time to first /next", result.CpuToNext, ceiling.CpuToNext);
        Report.Duration($"{what}: first invocation", result.FirstInvocation, ceiling.FirstInvocation);
        Report.Line(string.Create(CultureInfo.InvariantCulture,
            $"{what + ": RSS at first /next",-60} {result.RssAtNext / 1e6,10:F1} MB   ratio {(double)ceiling.RssAtNext / result.RssAtNext:F2}   (after first invocation {result.RssAfterInvocation / 1e6:F1} MB)"));
    }

    private static async Task<ColdStart> MeasureAsync(string executable, string[] arguments, int runs, CancellationToken cancellationToken)
    {
        var results = new List<ColdStart>();
        for (var i = 0; i < runs + 1; i++)
        {
            var result = await OnceAsync(executable, arguments, cancellationToken);
            if (i > 0)
            {
                results.Add(result); // the first start warms the file cache
            }
        }

        return new ColdStart(
            new Percentiles(results.Select(r => r.FirstNext)).At(50),
            new Percentiles(results.Select(r => r.FirstInvocation)).At(50),
            results.Max(r => r.RssAtNext),
            results.Max(r => r.RssAfterInvocation),
            new Percentiles(results.Select(r => r.CpuToNext)).At(50));
    }

    private static async Task<ColdStart> OnceAsync(string executable, string[] arguments, CancellationToken cancellationToken)
    {
        var clock = new Stopwatch();
        Process? process = null;
        using var api = new FakeRuntimeApi(FreePort(), clock, () => process?.Id ?? 0);
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("OTEL_", StringComparison.Ordinal) || name.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["AWS_LAMBDA_RUNTIME_API"] = api.Address;
        start.Environment["AWS_REGION"] = "us-east-1";
        start.Environment["AWS_ACCESS_KEY_ID"] = "test";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "test";
        start.Environment["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9"; // nothing in a test event calls AWS
        start.Environment["AWS__Resources__TableName"] = "bench";
        start.Environment["OTEL_SDK_DISABLED"] = "true";
        start.Environment["DOTNET_NOLOGO"] = "1";
        clock.Start();
        process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            var exited = process.WaitForExitAsync(cancellationToken);
            var done = await Task.WhenAny(api.SecondNext.Task, api.Failure.Task, exited).WaitAsync(TimeSpan.FromMinutes(1), cancellationToken);
            if (done != api.SecondNext.Task)
            {
                var failure = api.Failure.Task.IsCompleted ? await api.Failure.Task : "exited";
                throw new InvalidOperationException($"{executable}: {failure}; output: {(process.HasExited ? await output + await errors : "")}");
            }

            var (firstAt, firstRss, firstCpu) = await api.FirstNext.Task;
            var (secondAt, secondRss, _) = await api.SecondNext.Task;
            return new ColdStart(firstAt, secondAt - firstAt, firstRss, secondRss, firstCpu);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync(CancellationToken.None);
            process.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <param name="CpuToNext">CPU time (user + system) until the first /next: hardly changed by other processes' load.</param>
    private sealed record ColdStart(TimeSpan FirstNext, TimeSpan FirstInvocation, long RssAtNext, long RssAfterInvocation, TimeSpan CpuToNext);
}
