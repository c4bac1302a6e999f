using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using FilePipeline.BucketNotifications;

namespace FilePipeline.Provisioning;

/// <summary>
/// What moto's CloudFormation (5.2.1) ignores in infra/filepipeline.yaml, applied by API after a local stack
/// is created so that the local stack behaves like the template says (uploads really reach the queue).
/// Each step names the gap it covers. Deliberately not applied locally:
/// <list type="bullet">
/// <item>The bucket policy denying non-TLS access (moto has no <c>AWS::S3::BucketPolicy</c>): the local
/// endpoint is plain HTTP, so on an emulator that enforces policies it would deny every request.</item>
/// <item>Table SSE (moto ignores <c>SSESpecification</c> and has no API to set it afterwards).</item>
/// <item>The SNS topic policy (moto has no <c>AWS::SNS::TopicPolicy</c>; the NuGet copy has no SNS client
/// and moto does not enforce topic policies, so delivery works without it).</item>
/// </list>
/// A stack attached to an existing bucket (<see cref="StepsFor"/>) changes none of the bucket's own settings: only its
/// notification entry is added, by the same code the cloud's custom resource runs (<see cref="BucketNotificationEditor"/>).
/// </summary>
public sealed class EmulatorGaps(IAmazonS3 s3, IAmazonDynamoDB dynamo, IAmazonSQS sqs)
{
    /// <summary>The steps for a stack with its own bucket (applied concurrently).</summary>
    public IReadOnlyList<EmulatorGap> Steps => StepsFor(null);

    /// <summary>
    /// The steps for a stack with its own bucket (<paramref name="existingBucket"/> null), or for one attached to an
    /// existing bucket: its notification entry (what the cloud-only custom resource does), the queue policy and PITR.
    /// </summary>
    public IReadOnlyList<EmulatorGap> StepsFor(NotificationAttachment? existingBucket) => existingBucket is null ? OwnBucketSteps :
    [
        new("BucketNotification",
            "the custom resource that attaches to an existing bucket runs only in the cloud (condition AttachToExistingBucket): its code adds the pipeline's entry here",
            async (_, cancellationToken) => await new BucketNotificationEditor(s3).AttachAsync(existingBucket.Notification, existingBucket, cancellationToken)),
        .. OwnBucketSteps.Where(step => step.Name is "QueuePolicy" or "PointInTimeRecovery"),
    ];

    private IReadOnlyList<EmulatorGap> OwnBucketSteps =>
    [
        new("BucketNotification",
            "moto's CloudFormation ignores the bucket's NotificationConfiguration: without it no upload reaches the queue",
            ApplyNotificationAsync),
        new("PublicAccessBlock",
            "moto's CloudFormation ignores the bucket's PublicAccessBlockConfiguration",
            ApplyPublicAccessBlockAsync),
        new("Versioning",
            "moto's CloudFormation ignores the bucket's VersioningConfiguration",
            ApplyVersioningAsync),
        new("OwnershipControls",
            "moto's CloudFormation ignores the bucket's OwnershipControls",
            ApplyOwnershipControlsAsync),
        new("QueuePolicy",
            "moto's CloudFormation has no AWS::SQS::QueuePolicy (the resource is skipped)",
            ApplyQueuePolicyAsync),
        new("PointInTimeRecovery",
            "moto's CloudFormation ignores the table's PointInTimeRecoverySpecification",
            ApplyPointInTimeRecoveryAsync),
    ];

    /// <summary>
    /// Applies every step; each is idempotent and touches its own setting, so they run at once (this is on the
    /// AppHost's start-up path).
    /// </summary>
    public Task ApplyAsync(StackOutputs outputs, CancellationToken cancellationToken) => ApplyAsync(outputs, null, cancellationToken);

    /// <summary>Applies every step of <see cref="StepsFor"/> (a stack attached to <paramref name="existingBucket"/>, or with its own bucket).</summary>
    public Task ApplyAsync(StackOutputs outputs, NotificationAttachment? existingBucket, CancellationToken cancellationToken) =>
        Task.WhenAll(StepsFor(existingBucket).Select(step => step.Apply(outputs, cancellationToken)));

    /// <summary>The template's NotificationConfiguration on the stack's own bucket (no key filter locally), by the shared code.</summary>
    private async Task ApplyNotificationAsync(StackOutputs outputs, CancellationToken cancellationToken) =>
        await new BucketNotificationEditor(s3).AttachAsync(StackNotification.For(outputs), null, cancellationToken);

    /// <summary>The template's queue policy: only this bucket, topic or rule, only from this account.</summary>
    public static string QueuePolicyFor(StackOutputs outputs)
    {
        // arn:aws:sqs:<region>:<account>:<name>
        var arn = outputs.QueueArn.Split(':');
        var (partition, region, account) = (arn[1], arn[3], arn[4]);
        var (service, source) = outputs.Routing switch
        {
            RoutingMode.Direct => ("s3.amazonaws.com", $"arn:{partition}:s3:::{outputs.BucketName}"),
            RoutingMode.Sns => ("sns.amazonaws.com", outputs.TopicArn ?? ""),
            RoutingMode.EventBridge => ("events.amazonaws.com", $"arn:{partition}:events:{region}:{account}:rule/{outputs.EventRuleName}"),
            _ => throw new ArgumentOutOfRangeException(nameof(outputs), outputs.Routing, "Unknown routing."),
        };
        var policy = new QueuePolicyDocument(
            "2012-10-17",
            [new QueuePolicyStatement("AcceptUploadEvents", "Allow", new ServicePrincipal(service), "sqs:SendMessage", outputs.QueueArn,
                new PolicyCondition(new SourceArnCondition(source), new SourceAccountCondition(account)))]);
        return System.Text.Json.JsonSerializer.Serialize(policy, ProvisioningJsonContext.Default.QueuePolicyDocument);
    }

    private Task ApplyQueuePolicyAsync(StackOutputs outputs, CancellationToken cancellationToken) =>
        sqs.SetQueueAttributesAsync(new SetQueueAttributesRequest
        {
            QueueUrl = outputs.QueueUrl,
            Attributes = new() { ["Policy"] = QueuePolicyFor(outputs) },
        }, cancellationToken);

    private Task ApplyPublicAccessBlockAsync(StackOutputs outputs, CancellationToken cancellationToken) =>
        s3.PutPublicAccessBlockAsync(new PutPublicAccessBlockRequest
        {
            BucketName = outputs.BucketName,
            PublicAccessBlockConfiguration = new PublicAccessBlockConfiguration
            {
                BlockPublicAcls = true,
                BlockPublicPolicy = true,
                IgnorePublicAcls = true,
                RestrictPublicBuckets = true,
            },
        }, cancellationToken);

    private Task ApplyVersioningAsync(StackOutputs outputs, CancellationToken cancellationToken) =>
        s3.PutBucketVersioningAsync(new PutBucketVersioningRequest
        {
            BucketName = outputs.BucketName,
            VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Enabled },
        }, cancellationToken);

    private Task ApplyOwnershipControlsAsync(StackOutputs outputs, CancellationToken cancellationToken) =>
        s3.PutBucketOwnershipControlsAsync(new PutBucketOwnershipControlsRequest
        {
            BucketName = outputs.BucketName,
            OwnershipControls = new OwnershipControls
            {
                Rules = [new OwnershipControlsRule { ObjectOwnership = ObjectOwnership.BucketOwnerEnforced }],
            },
        }, cancellationToken);

    private Task ApplyPointInTimeRecoveryAsync(StackOutputs outputs, CancellationToken cancellationToken) =>
        dynamo.UpdateContinuousBackupsAsync(new UpdateContinuousBackupsRequest
        {
            TableName = outputs.TableName,
            PointInTimeRecoverySpecification = new PointInTimeRecoverySpecification { PointInTimeRecoveryEnabled = true },
        }, cancellationToken);
}
