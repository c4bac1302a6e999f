using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS.Model;
using FilePipeline.FileRecords;
using FilePipeline.Processor.Handling;
using FilePipeline.Provisioning;
using FilePipeline.Tests.Emulator;

namespace FilePipeline.Tests.Infra;

public sealed class LocalProvisioningTests(MotoFixture moto) : IDisposable
{
    private readonly MotoAws _aws = new(moto);

    public void Dispose() => _aws.Dispose();

    [Theory]
    [InlineData(RoutingMode.Direct)]
    [InlineData(RoutingMode.Sns)]
    [InlineData(RoutingMode.EventBridge)]
    public async Task Local_stack_routes_an_upload_to_the_queue_and_the_processor_records_it(RoutingMode routing)
    {
        var ct = TestContext.Current.CancellationToken;
        using var provisioner = new StackProvisioner(_aws.Settings);
        var stack = MotoAws.StackName("fp");

        var outputs = await provisioner.ProvisionLocalAsync(stack, routing, ct);
        await _aws.S3.PutObjectAsync(new PutObjectRequest { BucketName = outputs.BucketName, Key = "in/a b+c.txt", ContentBody = "hello" }, ct);

        var received = await QueueEvents.ReceiveUntilEventAsync(_aws.Sqs, outputs.QueueUrl, ct);
        var body = received[^1].Body!;
        using var json = JsonDocument.Parse(body);
        switch (routing)
        {
            case RoutingMode.Direct:
                var record = json.RootElement.GetProperty("Records")[0];
                Assert.StartsWith("ObjectCreated:", record.GetProperty("eventName").GetString());
                Assert.Equal(outputs.BucketName, record.GetProperty("s3").GetProperty("bucket").GetProperty("name").GetString());
                Assert.Equal("in/a b+c.txt", System.Net.WebUtility.UrlDecode(record.GetProperty("s3").GetProperty("object").GetProperty("key").GetString()));
                break;
            case RoutingMode.Sns:
                Assert.Equal("Notification", json.RootElement.GetProperty("Type").GetString());
                Assert.Equal(outputs.TopicArn, json.RootElement.GetProperty("TopicArn").GetString());
                using (var inner = JsonDocument.Parse(json.RootElement.GetProperty("Message").GetString()!))
                {
                    Assert.StartsWith("ObjectCreated:", inner.RootElement.GetProperty("Records")[0].GetProperty("eventName").GetString());
                }

                break;
            case RoutingMode.EventBridge:
                Assert.Equal("Object Created", json.RootElement.GetProperty("detail-type").GetString());
                Assert.Equal("aws.s3", json.RootElement.GetProperty("source").GetString());
                Assert.Equal(outputs.BucketName, json.RootElement.GetProperty("detail").GetProperty("bucket").GetProperty("name").GetString());
                Assert.Equal("in/a b+c.txt", json.RootElement.GetProperty("detail").GetProperty("object").GetProperty("key").GetString());
                break;
        }

        // The processor's batch handler consumes what this routing delivered (S3's test event included: dropped, not failed).
        using var processor = new ProcessorHarness(outputs, _aws.S3, _aws.Dynamo);
        var failed = await processor.Batch.ProcessAsync(
            [.. received.Select(m => new QueueMessage(m.MessageId!, m.Body!, 1, null, null))], fifo: false, ct);
        Assert.Empty(failed);
        var item = await _aws.Dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = outputs.TableName,
            Key = new() { [RecordTable.BucketAttribute] = new AttributeValue(outputs.BucketName), [RecordTable.KeyAttribute] = new AttributeValue("in/a b+c.txt") },
        }, ct);
        Assert.True(item.IsItemSet, "no record for the upload");
        var stored = FileRecordItem.FromItem(item.Item);
        Assert.Equal(RecordStatus.Processed, stored.Status);
        Assert.Equal(5, stored.Size);
    }

    [Fact]
    public async Task Local_provisioning_applies_what_the_emulator_ignores_and_is_idempotent()
    {
        var ct = TestContext.Current.CancellationToken;
        using var provisioner = new StackProvisioner(_aws.Settings);
        var stack = MotoAws.StackName("fp");

        var first = await provisioner.ProvisionLocalAsync(stack, RoutingMode.Direct, ct);
        var second = await provisioner.ProvisionLocalAsync(stack, RoutingMode.Direct, ct);

        Assert.Equal(first.ToEnvironment(), second.ToEnvironment());
        Assert.Null(first.FunctionName); // Local=true: no function, no event source mapping.

        var block = await _aws.S3.GetPublicAccessBlockAsync(new GetPublicAccessBlockRequest { BucketName = first.BucketName }, ct);
        Assert.True(block.PublicAccessBlockConfiguration.BlockPublicAcls);
        Assert.True(block.PublicAccessBlockConfiguration.BlockPublicPolicy);
        Assert.True(block.PublicAccessBlockConfiguration.IgnorePublicAcls);
        Assert.True(block.PublicAccessBlockConfiguration.RestrictPublicBuckets);

        var versioning = await _aws.S3.GetBucketVersioningAsync(new GetBucketVersioningRequest { BucketName = first.BucketName }, ct);
        Assert.Equal(VersionStatus.Enabled, versioning.VersioningConfig.Status);

        var encryption = await _aws.S3.GetBucketEncryptionAsync(new GetBucketEncryptionRequest { BucketName = first.BucketName }, ct);
        Assert.Equal(ServerSideEncryptionMethod.AES256, encryption.ServerSideEncryptionConfiguration.ServerSideEncryptionRules[0].ServerSideEncryptionByDefault.ServerSideEncryptionAlgorithm);

        var notification = await _aws.S3.GetBucketNotificationAsync(new GetBucketNotificationRequest { BucketName = first.BucketName }, ct);
        var queueConfig = Assert.Single(notification.QueueConfigurations);
        Assert.Equal(first.QueueArn, queueConfig.Queue);

        var backups = await _aws.Dynamo.DescribeContinuousBackupsAsync(new DescribeContinuousBackupsRequest { TableName = first.TableName }, ct);
        Assert.Equal("ENABLED", backups.ContinuousBackupsDescription.PointInTimeRecoveryDescription.PointInTimeRecoveryStatus.Value);

        var attributes = await _aws.Sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = first.QueueUrl, AttributeNames = ["All"] }, ct);
        Assert.NotNull(attributes.Attributes);
        using (var policy = JsonDocument.Parse(attributes.Attributes["Policy"]))
        {
            Assert.Equal(
                $"arn:aws:s3:::{first.BucketName}",
                policy.RootElement.GetProperty("Statement")[0].GetProperty("Condition").GetProperty("ArnEquals").GetProperty("aws:SourceArn").GetString());
        }

        Assert.Contains("\"maxReceiveCount\": 5", attributes.Attributes["RedrivePolicy"], StringComparison.Ordinal);
        Assert.Equal("360", attributes.Attributes["VisibilityTimeout"]);

        var table = await _aws.Dynamo.DescribeTableAsync(first.TableName, ct);
        Assert.Equal(["ByStatus", "ByTime"], table.Table.GlobalSecondaryIndexes.Select(i => i.IndexName).Order());
    }

    [Fact]
    public async Task Existing_stack_with_another_routing_is_a_clear_error()
    {
        var ct = TestContext.Current.CancellationToken;
        using var provisioner = new StackProvisioner(_aws.Settings);
        var stack = MotoAws.StackName("fp");
        await provisioner.ProvisionLocalAsync(stack, RoutingMode.Direct, ct);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => provisioner.ProvisionLocalAsync(stack, RoutingMode.Sns, ct));

        Assert.Contains("routing Direct", error.Message, StringComparison.Ordinal);
    }
}
