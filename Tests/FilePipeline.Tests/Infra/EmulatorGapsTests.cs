using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS.Model;
using FilePipeline.FileRecords;
using FilePipeline.Provisioning;
using FilePipeline.Tests.Emulator;

namespace FilePipeline.Tests.Infra;

/// <summary>The emulator-gap steps on resources made by API (as moto's CloudFormation leaves them: no notification, no policy).</summary>
public sealed class EmulatorGapsTests(MotoFixture moto) : IDisposable
{
    private readonly MotoAws _aws = new(moto);

    public void Dispose() => _aws.Dispose();

    [Fact]
    public async Task Gap_steps_make_uploads_reach_the_queue_and_set_what_the_template_declares()
    {
        var ct = TestContext.Current.CancellationToken;
        var name = MotoAws.StackName("gaps");
        var bucket = $"{name}-uploads-123456789012";
        await _aws.S3.PutBucketAsync(new PutBucketRequest { BucketName = bucket }, ct);
        var queueUrl = (await _aws.Sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = $"{name}-queue" }, ct)).QueueUrl!;
        var queueArn = (await _aws.Sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = queueUrl, AttributeNames = ["QueueArn"] }, ct)).Attributes!["QueueArn"];
        await _aws.Dynamo.CreateTableAsync(RecordTable.CreateTableRequest($"{name}-records"), ct);
        var outputs = StackOutputs.From(name, new Dictionary<string, string>
        {
            ["BucketName"] = bucket,
            ["QueueUrl"] = queueUrl,
            ["QueueArn"] = queueArn,
            ["DeadLetterQueueUrl"] = queueUrl,
            ["DeadLetterQueueArn"] = queueArn,
            ["TableName"] = $"{name}-records",
            ["Routing"] = "Direct",
        });
        var gaps = new EmulatorGaps(_aws.S3, _aws.Dynamo, _aws.Sqs);

        await gaps.ApplyAsync(outputs, ct);
        await gaps.ApplyAsync(outputs, ct); // idempotent
        await _aws.S3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "docs/report 1.txt", ContentBody = "hello" }, ct);

        var body = (await QueueEvents.ReceiveUntilEventAsync(_aws.Sqs, queueUrl, ct))[^1].Body!;
        using (var json = JsonDocument.Parse(body))
        {
            var record = json.RootElement.GetProperty("Records")[0];
            Assert.StartsWith("ObjectCreated:", record.GetProperty("eventName").GetString());
            Assert.Equal(bucket, record.GetProperty("s3").GetProperty("bucket").GetProperty("name").GetString());
        }

        Assert.All(gaps.Steps, step => Assert.StartsWith("moto's CloudFormation", step.Gap, StringComparison.Ordinal));
        var block = (await _aws.S3.GetPublicAccessBlockAsync(new GetPublicAccessBlockRequest { BucketName = bucket }, ct)).PublicAccessBlockConfiguration;
        Assert.Equal([true, true, true, true], new[] { block.BlockPublicAcls, block.BlockPublicPolicy, block.IgnorePublicAcls, block.RestrictPublicBuckets });
        Assert.Equal(VersionStatus.Enabled, (await _aws.S3.GetBucketVersioningAsync(new GetBucketVersioningRequest { BucketName = bucket }, ct)).VersioningConfig.Status);
        var ownership = await _aws.S3.GetBucketOwnershipControlsAsync(new GetBucketOwnershipControlsRequest { BucketName = bucket }, ct);
        Assert.Equal(ObjectOwnership.BucketOwnerEnforced, ownership.OwnershipControls.Rules[0].ObjectOwnership);
        var backups = await _aws.Dynamo.DescribeContinuousBackupsAsync(new DescribeContinuousBackupsRequest { TableName = outputs.TableName }, ct);
        Assert.Equal("ENABLED", backups.ContinuousBackupsDescription.PointInTimeRecoveryDescription.PointInTimeRecoveryStatus.Value);
        var policy = (await _aws.Sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = queueUrl, AttributeNames = ["Policy"] }, ct)).Attributes!["Policy"];
        using var document = JsonDocument.Parse(policy);
        var statement = document.RootElement.GetProperty("Statement")[0];
        Assert.Equal("s3.amazonaws.com", statement.GetProperty("Principal").GetProperty("Service").GetString());
        Assert.Equal($"arn:aws:s3:::{bucket}", statement.GetProperty("Condition").GetProperty("ArnEquals").GetProperty("aws:SourceArn").GetString());
        Assert.Equal("123456789012", statement.GetProperty("Condition").GetProperty("StringEquals").GetProperty("aws:SourceAccount").GetString());
    }

    [Theory]
    [InlineData(RoutingMode.Sns, "sns.amazonaws.com", "arn:aws:sns:us-east-1:123456789012:fp-uploads")]
    [InlineData(RoutingMode.EventBridge, "events.amazonaws.com", "arn:aws:events:us-east-1:123456789012:rule/fp-uploads")]
    public void Queue_policy_names_the_topic_or_rule_as_source(RoutingMode routing, string service, string source)
    {
        var outputs = StackOutputs.From("fp", new Dictionary<string, string>
        {
            ["BucketName"] = "fp-uploads-123456789012",
            ["QueueUrl"] = "http://localhost/123456789012/q",
            ["QueueArn"] = "arn:aws:sqs:us-east-1:123456789012:q",
            ["DeadLetterQueueUrl"] = "http://localhost/123456789012/d",
            ["DeadLetterQueueArn"] = "arn:aws:sqs:us-east-1:123456789012:d",
            ["TableName"] = "t",
            ["Routing"] = routing.ToString(),
            ["TopicArn"] = "arn:aws:sns:us-east-1:123456789012:fp-uploads",
            ["EventRuleName"] = "fp-uploads",
        });

        using var document = JsonDocument.Parse(EmulatorGaps.QueuePolicyFor(outputs));
        var statement = document.RootElement.GetProperty("Statement")[0];

        Assert.Equal(service, statement.GetProperty("Principal").GetProperty("Service").GetString());
        Assert.Equal(source, statement.GetProperty("Condition").GetProperty("ArnEquals").GetProperty("aws:SourceArn").GetString());
        Assert.Equal("sqs:SendMessage", statement.GetProperty("Action").GetString());
    }
}
