using System.Globalization;

namespace FilePipeline.Benchmarks;

/// <summary>
/// Sizes and options of the sections: <c>--name value</c> on the command line, else the environment variable
/// <c>FILEPIPELINE_BENCH_&lt;NAME&gt;</c> (dashes as underscores), else the default.
/// </summary>
internal sealed class BenchmarkSettings(IReadOnlyDictionary<string, string> options)
{
    public static readonly string[] Names =
        ["files", "warmup", "uploaders", "workers", "e2e-rounds", "e2e-timeout", "latency-samples", "latency-gap-ms", "floor-samples", "large-mib", "bootstrap", "bootstrap-before", "lambda-runs", "peer-files", "peer-warmup", "peer-rounds", "profile", "worker"];

    /// <summary>e2e: files uploaded per run.</summary>
    public int Files => Int("files", 300);

    /// <summary>e2e: rounds per worker count, the ceiling and the worker alternating; the median of the rounds' ratios is printed.</summary>
    public int EndToEndRounds => Int("e2e-rounds", 1);

    /// <summary>
    /// e2e: files per consumer process uploaded and processed before the clock starts. A fresh worker process's JIT
    /// compiles its hot paths again, fully optimized, over its first few hundred files (docs/benchmarks.md, final pass);
    /// the loop, in this process, stays warm from run to run.
    /// </summary>
    public int Warmup => Int("warmup", 300, minimum: 0);

    /// <summary>e2e: concurrent uploads.</summary>
    public int Uploaders => Int("uploaders", 4);

    /// <summary>e2e: worker process counts, comma-separated.</summary>
    public IReadOnlyList<int> Workers =>
        [.. Text("workers", "1,2,4").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(n => Whole("workers", n, 1))];

    /// <summary>e2e: longest wait for one run's records, in seconds.</summary>
    public TimeSpan EndToEndTimeout => TimeSpan.FromSeconds(Int("e2e-timeout", 600));

    /// <summary>latency: files uploaded one at a time.</summary>
    public int LatencySamples => Int("latency-samples", 40);

    /// <summary>latency: pause between one record appearing and the next upload.</summary>
    public TimeSpan LatencyGap => TimeSpan.FromMilliseconds(Int("latency-gap-ms", 250, minimum: 0));

    /// <summary>latency: samples of the in-process floor (the same calls made serially by this process).</summary>
    public int FloorSamples => Int("floor-samples", 15);

    /// <summary>large: object size in MiB.</summary>
    public long LargeBytes => Int("large-mib", 1024) * 1024L * 1024;

    /// <summary>lambda: path of a published bootstrap (e.g. what scripts/publish-lambda.sh writes), or null.</summary>
    public string? Bootstrap => Text("bootstrap", "") is { Length: > 0 } path ? path : null;

    /// <summary>lambda: an earlier build's bootstrap, measured in the same interleaved run, or null.</summary>
    public string? BootstrapBefore => Text("bootstrap-before", "") is { Length: > 0 } path ? path : null;

    /// <summary>lambda: cold starts per variant.</summary>
    public int LambdaRuns => Int("lambda-runs", 5);

    /// <summary>peer: files queued per run.</summary>
    public int PeerFiles => Int("peer-files", 200);

    /// <summary>peer: files each consumer processes before it is measured (the worker's JIT compiles its hot paths meanwhile: 200 were too few).</summary>
    public int PeerWarmup => Int("peer-warmup", 500, minimum: 0);

    /// <summary>peer: runs of each consumer (worker, boto3 handler), alternating.</summary>
    public int PeerRounds => Int("peer-rounds", 2);

    /// <summary>peer: where <c>perf record</c> writes the worker's profile (one file per run, PATH.N), or null for none.</summary>
    public string? Profile => Text("profile", "") is { Length: > 0 } path ? Path.GetFullPath(path) : null;

    /// <summary>
    /// e2e, latency, large, peer: the processor to run as the worker (an earlier build's <c>FilePipeline.Processor.dll</c>,
    /// measured by this harness against the same ceilings), or null for the one beside the benchmark.
    /// </summary>
    public string? Worker => Text("worker", "") is { Length: > 0 } path ? Path.GetFullPath(path) : null;

    /// <summary>Splits <paramref name="args"/> into section names and <c>--name value</c> options.</summary>
    public static (List<string> Sections, BenchmarkSettings Settings) Parse(string[] args)
    {
        var sections = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                sections.Add(args[i]);
                continue;
            }

            var name = args[i][2..];
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            var value = equals >= 0 ? name[(equals + 1)..] : i + 1 < args.Length ? args[++i] : throw new ArgumentException($"--{name} needs a value");
            name = equals >= 0 ? name[..equals] : name;
            if (!Names.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"unknown option --{name}; options: {string.Join(", ", Names.Select(n => "--" + n))}");
            }

            options[name] = value;
        }

        var settings = new BenchmarkSettings(options);
        settings.Check();
        return (sections, settings);
    }

    private string Text(string name, string fallback) =>
        options.TryGetValue(name, out var value) ? value
        : Environment.GetEnvironmentVariable(EnvironmentName(name)) is { Length: > 0 } env ? env
        : fallback;

    private int Int(string name, int fallback, int minimum = 1) => Whole(name, Text(name, fallback.ToString(CultureInfo.InvariantCulture)), minimum);

    private static int Whole(string name, string text, int minimum) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum
            ? value
            : throw new FormatException($"--{name} (or {EnvironmentName(name)}): '{text}' is not a whole number of at least {minimum}");

    private static string EnvironmentName(string option) => "FILEPIPELINE_BENCH_" + option.Replace('-', '_').ToUpperInvariant();

    /// <summary>Reads every number once, so that a bad value stops the run before any section starts.</summary>
    private void Check()
    {
        _ = (Files, EndToEndRounds, Warmup, Uploaders, EndToEndTimeout, LatencySamples, LatencyGap, FloorSamples, LargeBytes);
        _ = (LambdaRuns, PeerFiles, PeerWarmup, PeerRounds);
        if (Worker is { } worker && !File.Exists(worker))
        {
            throw new FormatException($"--worker (or {EnvironmentName("worker")}): no file at {worker}");
        }

        if (Workers.Count == 0)
        {
            throw new FormatException($"--workers (or {EnvironmentName("workers")}): no worker count given");
        }
    }
}
