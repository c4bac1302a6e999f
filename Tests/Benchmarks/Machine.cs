namespace FilePipeline.Benchmarks;

/// <summary>What the figures were measured on: CPU model, cores, load (the machine is shared, so load matters).</summary>
internal static class Machine
{
    public static void Print()
    {
        Report.Line($"machine: {CpuModel()}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Report.Line($"load: {Load()}");
    }

    /// <summary>The 1, 5 and 15 minute load averages.</summary>
    public static string Load() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : "unknown CPU";
}
