using FilePipeline.Benchmarks;

// Each section prints its figure as a ratio to a ceiling measured in the same run.
// Usage: dotnet run -c Release --project Tests/Benchmarks -- [section...]   (no section: all)
var sections = new Dictionary<string, Func<CancellationToken, Task>>(StringComparer.OrdinalIgnoreCase)
{
    ["handler"] = HandlerSection.RunAsync,
    ["scan"] = ScanBenchmark.RunAsync,
};

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

var chosen = args.Length == 0 ? sections.Keys.ToArray() : args;
foreach (var name in chosen)
{
    if (!sections.TryGetValue(name, out var run))
    {
        Console.Error.WriteLine($"unknown section '{name}'; sections: {string.Join(", ", sections.Keys)}");
        return 2;
    }

    Console.WriteLine($"== {name} ==");
    await run(stop.Token);
}

return 0;
