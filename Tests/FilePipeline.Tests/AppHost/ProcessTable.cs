using System.Diagnostics;
using System.Text.RegularExpressions;

namespace FilePipeline.Tests.AppHost;

/// <summary>Looks at processes by pid, the way an operator checking for orphans would.</summary>
public static partial class ProcessTable
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

    /// <summary>Pids the AppHost reported starting ("started viewer (pid 123)", "emulator: ... (started, pid 45)").</summary>
    public static IReadOnlyDictionary<string, int> StartedPids(IEnumerable<string> lines)
    {
        var pids = new Dictionary<string, int>();
        foreach (var line in lines)
        {
            if (StartedLine().Match(line) is { Success: true } started)
            {
                pids[started.Groups["name"].Value] = int.Parse(started.Groups["pid"].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (EmulatorLine().Match(line) is { Success: true } emulator)
            {
                pids["moto_server"] = int.Parse(emulator.Groups["pid"].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return pids;
    }

    /// <summary>Every "started NAME (pid N)" line, in order (a restarted resource appears again).</summary>
    public static IReadOnlyList<(string Name, int Pid)> StartedPidsInOrder(IEnumerable<string> lines) =>
        [.. lines.Select(line => StartedLine().Match(line)).Where(match => match.Success)
            .Select(match => (match.Groups["name"].Value, int.Parse(match.Groups["pid"].Value, System.Globalization.CultureInfo.InvariantCulture)))];

    [GeneratedRegex(@"started (?<name>[\w-]+) \(pid (?<pid>\d+)\)")]
    private static partial Regex StartedLine();

    [GeneratedRegex(@"emulator: .*\(started, pid (?<pid>\d+)\)")]
    private static partial Regex EmulatorLine();
}
