using System.CommandLine;
using FilePipeline.Provisioning;

namespace FilePipeline.Cli.Commands;

/// <summary>
/// <c>destroy</c>: empty the buckets the stack owns, delete the stack and its artifacts bucket, so nothing is
/// left. A bucket the stack is attached to (deploy <c>--existing-bucket</c>) is not the stack's: it keeps its objects
/// and other notifications, only the pipeline's notification entry is removed. Exit codes as every verb (<see cref="ExitCodes"/>): 0 destroyed (or nothing there), 1 failed,
/// 2 bad arguments (also without <c>--yes</c>), 3 no region/credentials or the endpoint unreachable.
/// </summary>
public static class DestroyCommand
{
    public static Command Create()
    {
        var yes = new Option<bool>("--yes")
        {
            Description = "Confirm: every object in the buckets the stack owns is deleted (an existing bucket it is attached to is left alone).",
            CustomParser = OptionValues.Flag,
        };
        var command = new Command("destroy", "Delete the stack and everything it owns (bucket contents included; an existing bucket it is attached to is left alone).") { yes };
        var target = StackTarget.AddOptions(command);
        command.SetAction((result, ct) => Verb.RunAsync("destroy", async () =>
        {
            var stack = target(result);
            StackTemplate.ValidateStackName(stack.StackName);
            if (!result.GetValue(yes))
            {
                throw new UsageException($"destroy deletes stack '{stack.StackName}' and every object in the buckets it owns: add --yes to confirm.");
            }

            using var provisioner = new StackProvisioner(stack.Settings());
            await provisioner.DestroyAsync(stack.StackName, new SynchronousProgress(e => Console.WriteLine(e)), ct);
            Console.WriteLine($"stack {stack.StackName} destroyed");
            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
