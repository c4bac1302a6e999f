using System.Diagnostics;

namespace FilePipeline.Tests.AppHost;

/// <summary>Looks at processes by pid, the way an operator checking for orphans would.</summary>
public static class ProcessTable
{
    /// <summary>True when <paramref name="pid"/> is a live process (a zombie waiting to be reaped counts as gone).</summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state != 'Z' && state != 'X';
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// The processes below <paramref name="pid"/> (children, their children ...). A project resource's pid is the service
    /// itself (the AppHost starts its built assembly, AppHost/Launch/BuildOutputLaunch.cs): it has none.
    /// </summary>
    public static IReadOnlyList<int> Descendants(int pid)
    {
        var parents = new Dictionary<int, int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), out var child) && ParentOf(child) is { } parent)
            {
                parents[child] = parent;
            }
        }

        var found = new List<int>();
        var frontier = new Queue<int>([pid]);
        while (frontier.TryDequeue(out var current))
        {
            foreach (var (child, parent) in parents)
            {
                if (parent == current)
                {
                    found.Add(child);
                    frontier.Enqueue(child);
                }
            }
        }

        return found;
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>The working directory of <paramref name="pid"/>.</summary>
    public static string? WorkingDirectory(int pid) => new DirectoryInfo($"/proc/{pid}/cwd").LinkTarget;

    /// <summary>Waits until none of <paramref name="pids"/> runs; returns those still running at the deadline.</summary>
    public static async Task<int[]> WaitUntilGoneAsync(IEnumerable<int> pids, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var remaining = pids.ToArray();
        while ((remaining = remaining.Where(IsRunning).ToArray()).Length > 0 && deadline.Elapsed < timeout)
        {
            await Task.Delay(100, cancellationToken);
        }

        return remaining;
    }

    /// <summary>Sends a signal (TERM, KILL, INT) with the system's <c>kill</c>.</summary>
    public static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}
