using System.CommandLine;
using System.Globalization;
using FilePipeline.Operations;
using FilePipeline.Cli.Stack;
using FilePipeline.FileRecords;

namespace FilePipeline.Cli.Commands;

/// <summary><c>status</c>: queue depth, in flight, DLQ depth and records by status.</summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var command = new Command("status", "Show queue depth, messages in flight, DLQ depth and records by status.");
        var target = StackTarget.AddOptions(command);
        command.SetAction((result, cancellationToken) => Verb.RunAsync("status", async () =>
        {
            var stack = target(result);
            var resources = await stack.ResolveResourcesAsync(cancellationToken);
            using var sqs = stack.CreateSqs();
            using var dynamo = stack.CreateDynamoDb();
            var status = await PipelineStatus.ReadAsync(
                sqs, dynamo,
                Required.Output(resources.QueueUrl, "QueueUrl"),
                Required.Output(resources.DeadLetterQueueUrl, "DeadLetterQueueUrl"),
                Required.Output(resources.TableName, "TableName"),
                cancellationToken);
            var records = string.Join("  ", status.Records.Select(pair => $"{FileRecordItem.StatusName(pair.Key)} {pair.Value}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                stack     {stack.StackName}
                queue     depth {status.QueueDepth}  in flight {status.InFlight}
                dlq       depth {status.DeadLetterDepth}  in flight {status.DeadLetterInFlight}
                records   {records}  (total {status.Records.Values.Sum()})
                """));
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
