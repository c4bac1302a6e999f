using System.Diagnostics;
using System.Runtime.InteropServices;

namespace FilePipeline.AppHost.Orchestration;

/// <summary>Asks a process to stop the polite way (SIGTERM), which <see cref="Process.Kill()"/> cannot do.</summary>
internal static partial class Signals
{
    private const int SigTerm = 15;

    /// <summary>Sends SIGTERM on Unix; returns false where that is not possible (the caller then kills).</summary>
    public static bool Terminate(Process process)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        try
        {
            return !process.HasExited && Kill(process.Id, SigTerm) == 0;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
