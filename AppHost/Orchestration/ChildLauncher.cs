using System.Collections.Concurrent;
using System.Diagnostics;

namespace FilePipeline.AppHost.Orchestration;

/// <summary>
/// Starts child processes so that they die with the AppHost, even when the AppHost is killed with SIGKILL.
/// On Linux each child is started through <c>setpriv --pdeathsig TERM</c>, which sets the kernel's
/// parent-death signal and then execs the real program (same pid). The kernel sends that signal when the
/// <em>thread</em> that forked the child ends, so every child is started from this one dedicated thread,
/// which lives as long as the AppHost: a thread-pool thread could retire and take the children with it.
/// Elsewhere (or without <c>setpriv</c>) children are started directly and only a graceful stop ends them.
/// </summary>
public sealed class ChildLauncher
{
    private readonly BlockingCollection<(Process Process, TaskCompletionSource Started)> _requests = [];

    private ChildLauncher()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "child-launcher" };
        thread.Start();
    }

    public static ChildLauncher Shared { get; } = new();

    /// <summary>The <c>setpriv</c> executable used to bind children to the AppHost's life, or null.</summary>
    public static string? DeathSignalWrapper { get; } =
        OperatingSystem.IsLinux() ? Executables.FindOnPath("setpriv") : null;

    /// <summary>Builds the start information for <paramref name="spec"/>, wrapped so the child dies with us.</summary>
    public static ProcessStartInfo StartInfo(ChildSpec spec)
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
            info.ArgumentList.Add(spec.FileName);
        }
        else
        {
            info.FileName = spec.FileName;
        }

        foreach (var argument in spec.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in spec.Environment)
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
