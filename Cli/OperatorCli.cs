using System.CommandLine;
using System.Runtime.InteropServices;
using FilePipeline.Cli.Commands;

namespace FilePipeline.Cli;

/// <summary>
/// The operator command line: every verb operates on a running stack (local or AWS).
/// The first Ctrl+C / SIGTERM cancels the command so it can stop cleanly; a second one terminates at once.
/// </summary>
public static class OperatorCli
{
    public static RootCommand Create()
    {
        var root = new RootCommand(
            "FilePipeline operator command line: upload files, backfill, reconcile, redrive, status of a running pipeline (local or "
            + "in AWS), and deploy or destroy its stack in AWS.");
        root.Subcommands.Add(UploadCommand.Create());
        root.Subcommands.Add(BackfillCommand.Create());
        root.Subcommands.Add(ReconcileCommand.Create());
        root.Subcommands.Add(RedriveCommand.Create());
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(DeployCommand.Create());
        root.Subcommands.Add(DestroyCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => OnSignal(context, stop));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => OnSignal(context, stop));
        var configuration = new InvocationConfiguration { ProcessTerminationTimeout = null };
        var parsed = Create().Parse(args);
        var exitCode = await parsed.InvokeAsync(configuration, stop.Token);
        return parsed.Errors.Count > 0 ? ExitCodes.Usage : exitCode;
    }

    private static void OnSignal(PosixSignalContext context, CancellationTokenSource stop)
    {
        if (stop.IsCancellationRequested)
        {
            return; // Second signal: let the runtime terminate the process (children get their death signal).
        }

        context.Cancel = true;
        stop.Cancel();
    }
}
