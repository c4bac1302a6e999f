using FilePipeline.Benchmarks;

// Each section prints its figure as a ratio to a ceiling measured in the same run.
// Usage: dotnet run -c Release --project Tests/Benchmarks -- [section...] [--option value...]   (no section: all)
var sections = new Dictionary<string, Func<BenchmarkContext, CancellationToken, Task>>(StringComparer.OrdinalIgnoreCase)
{
    ["handler"] = (_, ct) => HandlerSection.RunAsync(ct),
    ["scan"] = (_, ct) => ScanBenchmark.RunAsync(ct),
    ["e2e"] = EndToEndSection.RunAsync,
    ["latency"] = LatencySection.RunAsync,
    ["large"] = LargeObjectSection.RunAsync,
    ["lambda"] = LambdaSection.RunAsync,
    ["peer"] = PeerSection.RunAsync,
};

List<string> chosen;
BenchmarkSettings settings;
try
{
    (chosen, settings) = BenchmarkSettings.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

if (chosen.Count == 0)
{
    chosen = [.. sections.Keys];
}

if (chosen.FirstOrDefault(name => !sections.ContainsKey(name)) is { } unknown)
{
    Console.Error.WriteLine($"unknown section '{unknown}'; sections: {string.Join(", ", sections.Keys)}");
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

Machine.Print();
if (settings.Worker is { } worker)
{
    Report.Line($"worker: {worker} (--worker), in place of the processor beside the benchmark");
}

await using var context = new BenchmarkContext(settings);
foreach (var name in chosen)
{
    Console.WriteLine($"== {name} ==");
    var clock = System.Diagnostics.Stopwatch.StartNew();
    await sections[name](context, stop.Token);
    Report.Line($"({name}: {clock.Elapsed.TotalSeconds:F0} s)");
}

return 0;
