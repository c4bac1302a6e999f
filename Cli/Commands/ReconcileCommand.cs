using System.CommandLine;
using FilePipeline.Cli.Stack;
using FilePipeline.Operations;

namespace FilePipeline.Cli.Commands;

/// <summary>
/// <c>reconcile --prefix P</c>: compare the bucket's objects with the records under a prefix and enqueue a sync for
/// every key that differs (<see cref="Reconcile"/>), so what events missed heals.
/// </summary>
public static class ReconcileCommand
{
    public static Command Create()
    {
        var prefix = new Option<string>("--prefix")
        {
            Description = "Only keys that start with this prefix (default: every key).",
            DefaultValueFactory = _ => "",
            CustomParser = OptionValues.KeyPrefix,
        };
        var command = new Command(
            "reconcile",
            "Compare objects with records and enqueue a sync for every key that differs: an object without a record, a record "
            + "whose object is gone, a record of another version.")
        {
            prefix,
        };
        var target = StackTarget.AddOptions(command);
        command.SetAction((result, cancellationToken) => Verb.RunAsync("reconcile", async () =>
        {
            var stack = target(result);
            var resources = await stack.ResolveResourcesAsync(cancellationToken);
            using var s3 = stack.CreateS3();
            using var sqs = stack.CreateSqs();
            using var dynamo = stack.CreateDynamoDb();
            var reconcile = new Reconcile(
                s3, sqs, dynamo, Required.Output(resources.BucketName, "BucketName"), Required.Output(resources.QueueUrl, "QueueUrl"),
                Required.Output(resources.TableName, "TableName"));
            var done = await reconcile.RunAsync(result.GetValue(prefix)!, null, cancellationToken);
            Console.WriteLine(
                $"{done.Objects} objects, {done.Records} records under '{result.GetValue(prefix)}' in s3://{resources.BucketName}/: "
                + $"{done.InSync} in sync, {done.ObjectsWithoutRecord} objects without a record, {done.RecordsWithoutObject} records without an object, "
                + $"{done.StaleRecords} stale records; enqueued {done.Enqueued} syncs, {done.Failed} failed");
            return done.Failed == 0 ? ExitCodes.Success : ExitCodes.Failure;
        }, cancellationToken));
        return command;
    }
}
