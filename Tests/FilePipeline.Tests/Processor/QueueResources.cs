using Amazon.Runtime;
using Amazon.S3.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using FilePipeline.Tests.Emulator;

namespace FilePipeline.Tests.Processor;

/// <summary>A queue with a dead-letter queue (redrive after <c>maxReceiveCount</c>), fed by a bucket's notifications.</summary>
internal sealed class QueueResources : IAsyncDisposable
{
    private QueueResources(IAmazonSQS sqs, string queueUrl, string deadLetterQueueUrl)
    {
        Sqs = sqs;
        QueueUrl = queueUrl;
        DeadLetterQueueUrl = deadLetterQueueUrl;
    }

    public IAmazonSQS Sqs { get; }

    public string QueueUrl { get; }

    public string DeadLetterQueueUrl { get; }

    public static async Task<QueueResources> CreateAsync(MotoFixture moto, ProcessorResources aws, int maxReceiveCount, CancellationToken cancellationToken)
    {
        var sqs = moto.Client<IAmazonSQS>();
        var dlq = await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = MotoFixture.UniqueName("dlq") }, cancellationToken);
        var dlqArn = await ArnAsync(sqs, dlq.QueueUrl!, cancellationToken);
        var queue = await sqs.CreateQueueAsync(new CreateQueueRequest
        {
            QueueName = MotoFixture.UniqueName("events"),
            Attributes = new()
            {
                ["VisibilityTimeout"] = "30",
                ["RedrivePolicy"] = $$"""{"deadLetterTargetArn":"{{dlqArn}}","maxReceiveCount":"{{maxReceiveCount}}"}""",
            },
        }, cancellationToken);
        var queueArn = await ArnAsync(sqs, queue.QueueUrl!, cancellationToken);
        await aws.S3.PutBucketNotificationAsync(new PutBucketNotificationRequest
        {
            BucketName = aws.Bucket,
            QueueConfigurations =
            [
                new QueueConfiguration { Queue = queueArn, Events = [Amazon.S3.EventType.ObjectCreatedAll, Amazon.S3.EventType.ObjectRemovedAll] },
            ],
        }, cancellationToken);
        return new QueueResources(sqs, queue.QueueUrl!, dlq.QueueUrl!);
    }

    /// <summary>Visible plus in-flight messages.</summary>
    public async Task<int> DepthAsync(string queueUrl, CancellationToken cancellationToken)
    {
        var attributes = await Sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = queueUrl,
            AttributeNames = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
        }, cancellationToken);
        return attributes.Attributes!.Values.Sum(int.Parse);
    }

    public ValueTask DisposeAsync()
    {
        Sqs.Dispose();
        return ValueTask.CompletedTask;
    }

    private static async Task<string> ArnAsync(IAmazonSQS sqs, string queueUrl, CancellationToken cancellationToken)
    {
        var attributes = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = queueUrl, AttributeNames = ["QueueArn"] }, cancellationToken);
        return attributes.Attributes!["QueueArn"];
    }
}
