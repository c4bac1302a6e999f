using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using FilePipeline.FileRecords;

namespace FilePipeline.AppHost.Stack;

/// <summary>
/// TEMPORARY stand-in for Provisioning's <c>StackProvisioner.ProvisionLocalAsync</c> (infrastructure issue):
/// creates the bucket, queue + DLQ, table and bucket notification by API. Removed as soon as Provisioning lands.
/// </summary>
public static class LocalStandInProvisioner
{
    public static async Task<PipelineResources> ProvisionAsync(
        Uri endpoint, string region, string stackName, CancellationToken cancellationToken)
    {
        var bucket = $"{stackName}-uploads";
        var table = $"{stackName}-records";
        using var sqs = new AmazonSQSClient(new AmazonSQSConfig { ServiceURL = endpoint.ToString(), AuthenticationRegion = region });
        var dlq = await CreateQueueAsync(sqs, $"{stackName}-dlq", [], cancellationToken);
        var dlqArn = await QueueArnAsync(sqs, dlq, cancellationToken);
        var redrive = $$"""{"deadLetterTargetArn":"{{dlqArn}}","maxReceiveCount":"5"}""";
        var queue = await CreateQueueAsync(sqs, $"{stackName}-events",
            new Dictionary<string, string> { ["RedrivePolicy"] = redrive, ["VisibilityTimeout"] = "30" }, cancellationToken);
        var queueArn = await QueueArnAsync(sqs, queue, cancellationToken);

        using var s3 = new AmazonS3Client(new AmazonS3Config
        {
            ServiceURL = endpoint.ToString(), ForcePathStyle = true, AuthenticationRegion = region,
        });
        try
        {
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket }, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
        {
            // Idempotent against an emulator that already has the stack.
        }

        await s3.PutBucketNotificationAsync(new PutBucketNotificationRequest
        {
            BucketName = bucket,
            QueueConfigurations =
            [
                new QueueConfiguration
                {
                    Queue = queueArn,
                    Events = [EventType.ObjectCreatedAll, EventType.ObjectRemovedAll],
                },
            ],
        }, cancellationToken);

        using var dynamo = new AmazonDynamoDBClient(new AmazonDynamoDBConfig
        {
            ServiceURL = endpoint.ToString(), AuthenticationRegion = region,
        });
        try
        {
            await dynamo.CreateTableAsync(RecordTable.CreateTableRequest(table), cancellationToken);
        }
        catch (ResourceInUseException)
        {
            // Already there.
        }

        return new PipelineResources(bucket, queue, queueArn, dlq, table);
    }

    /// <summary>The stand-in's resource names for a stack (queue URLs in moto's form).</summary>
    public static PipelineResources Names(Uri endpoint, string region, string stackName)
    {
        const string account = "123456789012";
        var root = endpoint.ToString().TrimEnd('/');
        return new PipelineResources(
            $"{stackName}-uploads",
            $"{root}/{account}/{stackName}-events",
            $"arn:aws:sqs:{region}:{account}:{stackName}-events",
            $"{root}/{account}/{stackName}-dlq",
            $"{stackName}-records");
    }

    private static async Task<string> CreateQueueAsync(
        IAmazonSQS sqs, string name, Dictionary<string, string> attributes, CancellationToken cancellationToken)
    {
        var response = await sqs.CreateQueueAsync(new CreateQueueRequest(name) { Attributes = attributes }, cancellationToken);
        return response.QueueUrl!;
    }

    private static async Task<string> QueueArnAsync(IAmazonSQS sqs, string queueUrl, CancellationToken cancellationToken)
    {
        var response = await sqs.GetQueueAttributesAsync(
            new GetQueueAttributesRequest(queueUrl, [QueueAttributeName.QueueArn]), cancellationToken);
        return response.QueueARN!;
    }
}
