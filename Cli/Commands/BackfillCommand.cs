using System.CommandLine;
using FilePipeline.Operations;
using FilePipeline.Cli.Stack;

namespace FilePipeline.Cli.Commands;

/// <summary><c>backfill --prefix P</c>: enqueue events for objects already in the bucket so they are processed again.</summary>
public static class BackfillCommand
{
    public static Command Create()
    {
        var prefix = new Option<string>("--prefix")
        {
            Description = "Only objects whose key starts with this prefix (default: every object).",
            DefaultValueFactory = _ => "",
            CustomParser = OptionValues.KeyPrefix,
        };
        var command = new Command("backfill", "Enqueue an ObjectCreated event for every object already in the bucket, so each is processed again.")
        {
            prefix,
        };
        var target = StackTarget.AddOptions(command);
        command.SetAction((result, cancellationToken) => Verb.RunAsync("backfill", async () =>
        {
            var stack = target(result);
            var resources = await stack.ResolveResourcesAsync(cancellationToken);
            using var s3 = stack.CreateS3();
            using var sqs = stack.CreateSqs();
            var backfill = new Backfill(
                s3, sqs, Required.Output(resources.BucketName, "BucketName"), Required.Output(resources.QueueUrl, "QueueUrl"),
                stack.Region ?? "us-east-1");
            var done = await backfill.RunAsync(result.GetValue(prefix)!, null, cancellationToken);
            Console.WriteLine($"enqueued {done.Enqueued} events for {done.Objects} objects under '{result.GetValue(prefix)}' in s3://{resources.BucketName}/; {done.Failed} failed");
            return done.Failed == 0 ? ExitCodes.Success : ExitCodes.Failure;
        }, cancellationToken));
        return command;
    }
}
