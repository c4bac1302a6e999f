using System.CommandLine;
using FilePipeline.Cli.Stack;
using FilePipeline.Operations;

namespace FilePipeline.Cli.Commands;

/// <summary>
/// <c>redrive</c>: move the dead-letter queue's messages back to the source queue, reporting how many
/// (AwsClients' <see cref="DeadLetterRedrive"/>: SQS's move task where the endpoint has it, else client-side).
/// </summary>
public static class RedriveCommand
{
    public static Command Create()
    {
        var maximum = new Option<int?>("--max")
        {
            Description = "Move at most this many messages (default: all). Moves client-side: a move task cannot stop at a count.",
            CustomParser = OptionValues.OptionalWholeNumber(min: 1),
        };
        var command = new Command("redrive", "Move messages from the dead-letter queue back to the source queue.") { maximum };
        var target = StackTarget.AddOptions(command);
        command.SetAction((result, cancellationToken) => Verb.RunAsync("redrive", async () =>
        {
            var stack = target(result);
            var resources = await stack.ResolveResourcesAsync(cancellationToken);
            using var sqs = stack.CreateSqs();
            var max = result.GetValue(maximum);
            var done = await new DeadLetterRedrive(sqs).RedriveAsync(
                Required.Output(resources.DeadLetterQueueUrl, "DeadLetterQueueUrl"),
                Required.Output(resources.QueueUrl, "QueueUrl"),
                new RedriveOptions { UseMoveTask = max is null, MaxMessages = max },
                cancellationToken);
            var how = done.Mode == RedriveMode.MoveTask ? $"by SQS move task {done.TaskHandle} ({done.Status})" : "client-side";
            Console.WriteLine($"moved {done.Moved} messages from the dead-letter queue back to the source queue; {done.Failed} failed ({how})");
            if (done.FailureReason is { } reason)
            {
                await Console.Error.WriteLineAsync($"the move task failed: {reason}");
            }

            return done.Succeeded ? ExitCodes.Success : ExitCodes.Failure;
        }, cancellationToken));
        return command;
    }
}
