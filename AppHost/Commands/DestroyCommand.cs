using System.CommandLine;
using FilePipeline.Provisioning;

namespace FilePipeline.AppHost.Commands;

/// <summary>
/// <c>destroy</c>: empty the buckets the stack owns, delete the stack and its artifacts bucket, so nothing
/// is left. Exit codes: 0 destroyed (or nothing there), 1 failed, 2 bad input or missing region/credentials.
/// </summary>
public static class DestroyCommand
{
    public static Command Create()
    {
        var stack = new Option<string>("--stack") { Description = "Stack name.", DefaultValueFactory = _ => "file-pipeline" };
        var yes = new Option<bool>("--yes") { Description = "Confirm: every object in the stack's buckets is deleted." };
        var command = new Command("destroy", "Delete the stack and everything it owns (bucket contents included).") { stack, yes };
        command.SetAction((result, ct) => StackVerb.RunAsync(async () =>
        {
            var name = result.GetValue(stack)!;
            if (!result.GetValue(yes))
            {
                throw new ArgumentException($"destroy deletes stack '{name}' and every object in its buckets: add --yes to confirm.");
            }

            using var provisioner = StackProvisioner.FromEnvironment();
            await provisioner.DestroyAsync(name, new Progress<StackEventInfo>(e => Console.WriteLine(e)), ct);
            Console.WriteLine($"Stack {name} destroyed.");
            return 0;
        }, ct));
        return command;
    }
}
