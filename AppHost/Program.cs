using System.CommandLine;
using System.Runtime.InteropServices;
using FilePipeline.AppHost;

using var stop = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => OnSignal(context, stop));
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => OnSignal(context, stop));
var root = new RootCommand(
    "FilePipeline AppHost: start the emulator, provision the stack, run the processors and the viewer, and keep them "
    + "running until Ctrl+C. The operator verbs are in the Cli project.");
RunCommand.Configure(root);
var parsed = root.Parse(args);
var exitCode = await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, stop.Token);
return parsed.Errors.Count > 0 ? ExitCodes.Usage : exitCode;

static void OnSignal(PosixSignalContext context, CancellationTokenSource stop)
{
    if (stop.IsCancellationRequested)
    {
        return; // Second signal: let the runtime terminate the process (children get their death signal).
    }

    context.Cancel = true;
    stop.Cancel();
}
