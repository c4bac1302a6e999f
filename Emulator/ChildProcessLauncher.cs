using System.Collections.Concurrent;
using System.Diagnostics;

namespace FilePipeline.Emulator;

/// <summary>
/// Starts child processes so that they die with this process (the AppHost, or a test run), even when it is
/// killed with SIGKILL.
/// On Linux each child is started through <c>setpriv --pdeathsig TERM</c>, which sets the kernel's
/// parent-death signal and then execs the real program (same pid). The kernel sends that signal when the
/// <em>thread</em> that forked the child ends, so every child is started from this one dedicated thread,
/// which lives as long as the process: a thread-pool thread could retire and take the children with it.
/// Elsewhere (or without <c>setpriv</c>) children are started directly and only a graceful stop ends them.
/// </summary>
public sealed class ChildProcessLauncher
{
    private readonly BlockingCollection<(Process Process, TaskCompletionSource Started)> _requests = [];

    private ChildProcessLauncher()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "child-launcher" };
        thread.Start();
    }

    public static ChildProcessLauncher Shared { get; } = new();

    /// <summary>The <c>setpriv</c> executable used to bind children to this process's life, or null.</summary>
    public static string? DeathSignalWrapper { get; } =
        OperatingSystem.IsLinux() ? EmulatorEndpoint.FindOnPath("setpriv") : null;

    /// <summary>
    /// Start information for <paramref name="fileName"/> with <paramref name="arguments"/> and output redirected,
    /// wrapped so the child dies with this process.
    /// </summary>
    public static ProcessStartInfo StartInfo(
        string fileName, IEnumerable<string> arguments, IEnumerable<KeyValuePair<string, string>>? environment = null)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (DeathSignalWrapper is { } setpriv)
        {
            info.FileName = setpriv;
            info.ArgumentList.Add("--pdeathsig");
            info.ArgumentList.Add("TERM");
            info.ArgumentList.Add("--");
            info.ArgumentList.Add(fileName);
        }
        else
        {
            info.FileName = fileName;
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? [])
        {
            info.Environment[name] = value;
        }

        return info;
    }

    /// <summary>Starts <paramref name="process"/> (already configured) on the launcher thread and begins reading its output.</summary>
    public Task StartAsync(Process process)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _requests.Add((process, started));
        return started.Task;
    }

    private void Run()
    {
        foreach (var (process, started) in _requests.GetConsumingEnumerable())
        {
            try
            {
                process.Start();
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                started.SetResult();
            }
            catch (Exception e)
            {
                started.SetException(e);
            }
        }
    }
}
