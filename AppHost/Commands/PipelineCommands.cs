using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SQS;
using FilePipeline.AppHost.CloudFormation;
using FilePipeline.AppHost.Emulator;
using FilePipeline.FileRecords;
using FilePipeline.Operations;
using Microsoft.Extensions.Hosting;

namespace FilePipeline.AppHost.Commands;

/// <summary>
/// Operator actions on the running pipeline as dashboard commands of the stack resource, on the same Operations
/// code as the command line's verbs: status, redrive the dead-letter queue, backfill a prefix, reconcile a prefix.
/// </summary>
public static class PipelineCommands
{
    public const string Redrive = "redrive";
    public const string Backfill = "backfill";
    public const string Status = "status";
    public const string Reconcile = "reconcile";

    public static IResourceBuilder<CloudFormationTemplateResource> WithPipelineCommands(this IResourceBuilder<CloudFormationTemplateResource> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var stack = builder.Resource;
        builder.WithCommand(Status, "Status", context => StatusAsync(stack, context.CancellationToken), new CommandOptions
        {
            UpdateState = RunningOnly,
            Description = "Queue depth, messages in flight, dead-letter queue depth and records by status.",
            IconName = "DataBarVertical",
            IsHighlighted = true,
        });
        builder.WithCommand(Redrive, "Redrive dead letters", context => RedriveAsync(stack, context.CancellationToken), new CommandOptions
        {
            UpdateState = RunningOnly,
            Description = "Move every message of the dead-letter queue back to the queue.",
            ConfirmationMessage = "Move every message of the dead-letter queue back to the queue?",
            IconName = "ArrowReply",
        });
        builder.WithCommand(Backfill, "Backfill", context => BackfillAsync(stack, Prefix(context), context.CancellationToken), new CommandOptions
        {
            UpdateState = RunningOnly,
            Description = "Enqueue an ObjectCreated event for every object under a key prefix, so each is processed again.",
            IconName = "ArrowSync",
            Arguments = [PrefixInput()],
        });
        builder.WithCommand(Reconcile, "Reconcile", context => ReconcileAsync(stack, Prefix(context), context.CancellationToken), new CommandOptions
        {
            UpdateState = RunningOnly,
            Description = "Compare the objects under a key prefix with their records and enqueue a sync for every key that differs "
                + "(an object without a record, a record whose object is gone, a record of another version): how a missed event heals.",
            IconName = "ArrowSyncCircle",
            Arguments = [PrefixInput()],
        });
        return builder;
    }

    private static InteractionInput PrefixInput() => new()
    {
        Name = "prefix",
        Label = "Key prefix",
        Placeholder = "empty: every object",
        InputType = InputType.Text,
        Required = false,
    };

    private static string Prefix(ExecuteCommandContext context) => context.Arguments?["prefix"]?.Value ?? "";

    private static ResourceCommandState RunningOnly(UpdateCommandStateContext context) =>
        context.ResourceSnapshot.State?.Text == KnownResourceStates.Running ? ResourceCommandState.Enabled : ResourceCommandState.Disabled;

    private static async Task<ExecuteCommandResult> StatusAsync(CloudFormationTemplateResource stack, CancellationToken cancellationToken)
    {
        var (outputs, clients) = await ConnectAsync(stack, cancellationToken);
        using (clients)
        {
            var status = await PipelineStatus.ReadAsync(clients.Sqs, clients.Dynamo, outputs.QueueUrl, outputs.DeadLetterQueueUrl, outputs.TableName, cancellationToken);
            var records = string.Join(", ", status.Records.Select(pair => $"{FileRecordItem.StatusName(pair.Key)} {pair.Value}"));
            return CommandResults.Success(string.Create(CultureInfo.InvariantCulture,
                $"queue {status.QueueDepth} waiting, {status.InFlight} in flight; dead letters {status.DeadLetterDepth}; records {records} (total {status.Records.Values.Sum()})"));
        }
    }

    private static async Task<ExecuteCommandResult> RedriveAsync(CloudFormationTemplateResource stack, CancellationToken cancellationToken)
    {
        var (outputs, clients) = await ConnectAsync(stack, cancellationToken);
        using (clients)
        {
            var done = await new DeadLetterRedrive(clients.Sqs).RedriveAsync(outputs.DeadLetterQueueUrl, outputs.QueueUrl, new RedriveOptions(), cancellationToken);
            var message = $"moved {done.Moved} messages from the dead-letter queue back to the queue; {done.Failed} failed"
                + (done.Mode == RedriveMode.MoveTask ? $" (SQS move task, {done.Status})" : " (client-side)");
            return done.Succeeded ? CommandResults.Success(message) : CommandResults.Failure(message + (done.FailureReason is { } r ? $": {r}" : ""));
        }
    }

    private static async Task<ExecuteCommandResult> BackfillAsync(CloudFormationTemplateResource stack, string prefix, CancellationToken cancellationToken)
    {
        var (outputs, clients) = await ConnectAsync(stack, cancellationToken);
        using (clients)
        {
            var done = await new Backfill(clients.S3, clients.Sqs, outputs.BucketName, outputs.QueueUrl, clients.Region).RunAsync(prefix, null, cancellationToken);
            var message = $"enqueued {done.Enqueued} events for {done.Objects} objects under '{prefix}' in s3://{outputs.BucketName}/; {done.Failed} failed";
            return done.Failed == 0 ? CommandResults.Success(message) : CommandResults.Failure(message);
        }
    }

    private static async Task<ExecuteCommandResult> ReconcileAsync(CloudFormationTemplateResource stack, string prefix, CancellationToken cancellationToken)
    {
        var (outputs, clients) = await ConnectAsync(stack, cancellationToken);
        using (clients)
        {
            var done = await new Reconcile(clients.S3, clients.Sqs, clients.Dynamo, outputs.BucketName, outputs.QueueUrl, outputs.TableName)
                .RunAsync(prefix, null, cancellationToken);
            var message = string.Create(CultureInfo.InvariantCulture,
                $"{done.Objects} objects, {done.Records} records under '{prefix}' in s3://{outputs.BucketName}/: {done.InSync} in sync, "
                + $"{done.ObjectsWithoutRecord} objects without a record, {done.RecordsWithoutObject} records without an object, "
                + $"{done.StaleRecords} stale records; enqueued {done.Enqueued} syncs, {done.Failed} failed");
            return done.Failed == 0 ? CommandResults.Success(message) : CommandResults.Failure(message);
        }
    }

    private static async Task<(Provisioning.StackOutputs Outputs, StackClients Clients)> ConnectAsync(CloudFormationTemplateResource stack, CancellationToken cancellationToken)
    {
        var outputs = stack.Outputs ?? throw new InvalidOperationException($"Stack '{stack.StackName}' is not provisioned.");
        return (outputs, await StackClients.CreateAsync(stack.Emulator, cancellationToken));
    }
}

/// <summary>The AWS clients a command needs, pointed where the stack lives.</summary>
internal sealed class StackClients(IAmazonS3 s3, IAmazonSQS sqs, IAmazonDynamoDB dynamo, string region) : IDisposable
{
    public IAmazonS3 S3 { get; } = s3;

    public IAmazonSQS Sqs { get; } = sqs;

    public IAmazonDynamoDB Dynamo { get; } = dynamo;

    public string Region { get; } = region;

    public static async Task<StackClients> CreateAsync(AwsEmulator? emulator, CancellationToken cancellationToken)
    {
        AWSOptions aws;
        string region;
        if (emulator is null)
        {
            var settings = Provisioning.AwsSettings.FromEnvironment();
            (aws, region) = (settings.ToAWSOptions(), settings.Region.SystemName);
        }
        else
        {
            var endpoint = await emulator.Endpoint.GetValueAsync(cancellationToken);
            region = AwsEmulator.Region;
            aws = new AWSOptions { Credentials = new BasicAWSCredentials("test", "test") }.ForEndpoint(new Uri(endpoint!), region);
        }

        return new StackClients(aws.CreateAwsClient<IAmazonS3>(), aws.CreateAwsClient<IAmazonSQS>(), aws.CreateAwsClient<IAmazonDynamoDB>(), region);
    }

    public void Dispose()
    {
        S3.Dispose();
        Sqs.Dispose();
        Dynamo.Dispose();
    }
}
