using System.Diagnostics;
using System.Globalization;

namespace FilePipeline.Benchmarks;

/// <summary>CPU time (user + system) used so far by the emulator, this process and the worker processes.</summary>
internal sealed record CpuTimes(TimeSpan Emulator, TimeSpan Self, TimeSpan Workers)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public static CpuTimes Read(int? emulator, IReadOnlyList<int> workers)
    {
        using var self = Process.GetCurrentProcess();
        return new CpuTimes(
            emulator is { } pid ? Of(pid) : TimeSpan.Zero,
            self.TotalProcessorTime,
            workers.Aggregate(TimeSpan.Zero, (sum, pid) => sum + Of(pid)));
    }

    public static CpuTimes operator -(CpuTimes a, CpuTimes b) => new(a.Emulator - b.Emulator, a.Self - b.Self, a.Workers - b.Workers);

    /// <summary>utime + stime of a process and its waited-for children, from <c>/proc/&lt;pid&gt;/stat</c>.</summary>
    public static TimeSpan Of(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After "pid (comm) ": state is field 3, so utime (14), stime (15), cutime (16), cstime (17) sit at 11..14.
            var ticks = fields.Skip(11).Take(4).Sum(field => long.Parse(field, CultureInfo.InvariantCulture));
            return TimeSpan.FromSeconds(ticks / TicksPerSecond);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return TimeSpan.Zero;
        }
    }
}
