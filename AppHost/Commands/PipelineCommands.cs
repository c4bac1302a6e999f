using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SQS;
using FilePipeline.AppHost.CloudFormation;
using FilePipeline.AppHost.Emulator;
using FilePipeline.FileRecords;
using FilePipeline.Operations;

namespace FilePipeline.AppHost.Commands;

/// <summary>
/// Operator actions on the running pipeline as dashboard commands of the stack resource, on the same Operations
/// code as the command line's verbs: redrive the dead-letter queue, backfill a prefix, status.
/// Reconcile joins them here once <c>Operations</c> has it (see <see cref="WithPipelineCommands"/>).
/// </summary>
public static class PipelineCommands
{
    public const string Redrive = "redrive";
    public const string Backfill = "backfill";
    public const string Status = "status";

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
        builder.WithCommand(Backfill, "Backfill", context => BackfillAsync(stack, context.Arguments?["prefix"]?.Value ?? "", context.CancellationToken), new CommandOptions
        {
            UpdateState = RunningOnly,
            Description = "Enqueue an ObjectCreated event for every object under a key prefix, so each is processed again.",
            IconName = "ArrowSync",
            Arguments =
            [
                new InteractionInput
                {
                    Name = "prefix",
                    Label = "Key prefix",
                    Placeholder = "empty: every object",
                    InputType = InputType.Text,
                    Required = false,
                },
            ],
        });

        // Reconcile (walk objects and records under a prefix, sync what differs) goes here, on Operations'
        // Reconcile, as the command line's verb does; Operations does not have it yet on main.
        return builder;
    }

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
        if (emulator is null)
        {
            var settings = Provisioning.AwsSettings.FromEnvironment();
            return new StackClients(
                new AmazonS3Client(settings.Credentials, settings.Configure(new AmazonS3Config())),
                new AmazonSQSClient(settings.Credentials, settings.Configure(new AmazonSQSConfig())),
                new AmazonDynamoDBClient(settings.Credentials, settings.Configure(new AmazonDynamoDBConfig())),
                settings.Region.SystemName);
        }

        var endpoint = await emulator.Endpoint.GetValueAsync(cancellationToken);
        var credentials = new BasicAWSCredentials("test", "test");
        var region = AwsEmulator.Region;
        return new StackClients(
            new AmazonS3Client(credentials, new AmazonS3Config { ServiceURL = endpoint, AuthenticationRegion = region, ForcePathStyle = true }),
            new AmazonSQSClient(credentials, new AmazonSQSConfig { ServiceURL = endpoint, AuthenticationRegion = region }),
            new AmazonDynamoDBClient(credentials, new AmazonDynamoDBConfig { ServiceURL = endpoint, AuthenticationRegion = region }),
            region);
    }

    public void Dispose()
    {
        S3.Dispose();
        Sqs.Dispose();
        Dynamo.Dispose();
    }
}
