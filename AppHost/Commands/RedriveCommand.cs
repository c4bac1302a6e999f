using System.CommandLine;
using FilePipeline.AppHost.Operations;
using FilePipeline.AppHost.Stack;

namespace FilePipeline.AppHost.Commands;

/// <summary><c>redrive</c>: move the dead-letter queue's messages back to the source queue, reporting how many.</summary>
public static class RedriveCommand
{
    public static Command Create()
    {
        var maximum = new Option<int?>("--max")
        {
            Description = "Move at most this many messages (default: all).",
        };
        var command = new Command("redrive", "Move messages from the dead-letter queue back to the source queue.") { maximum };
        var target = StackTarget.AddOptions(command);
        command.SetAction((result, cancellationToken) => Verb.RunAsync(async () =>
        {
            var stack = target(result);
            var resources = await stack.ResolveResourcesAsync(cancellationToken);
            using var sqs = stack.CreateSqs();
            var redrive = new DeadLetterRedrive(
                sqs, Required.Output(resources.DeadLetterQueueUrl, "DeadLetterQueueUrl"), Required.Output(resources.QueueUrl, "QueueUrl"));
            var done = await redrive.RunAsync(result.GetValue(maximum), cancellationToken);
            Console.WriteLine($"moved {done.Moved} messages from the dead-letter queue back to the source queue; {done.Failed} failed");
            return done.Failed == 0 ? ExitCodes.Success : ExitCodes.Failure;
        }, cancellationToken));
        return command;
    }
}
