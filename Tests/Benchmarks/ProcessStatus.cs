using System.Globalization;

namespace FilePipeline.Benchmarks;

/// <summary>Memory figures of a process from <c>/proc/&lt;pid&gt;/status</c> (Linux), in bytes.</summary>
internal static class ProcessStatus
{
    /// <summary>Resident set size now.</summary>
    public static long Rss(int pid) => Field(pid, "VmRSS:");

    /// <summary>Peak resident set size since start, or since <see cref="TryResetPeak"/>.</summary>
    public static long PeakRss(int pid) => Field(pid, "VmHWM:");

    /// <summary>Resets the peak (VmHWM) to the current RSS: writes 5 to <c>/proc/&lt;pid&gt;/clear_refs</c>. False where not allowed.</summary>
    public static bool TryResetPeak(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long Field(int pid, string name)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal));
            // "VmRSS:	   23456 kB"
            return line is null ? 0 : long.Parse(line[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return 0; // the process has exited
        }
    }
}
