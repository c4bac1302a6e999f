using Amazon.S3;
using Amazon.S3.Model;
using FilePipeline.BucketNotifications;
using FilePipeline.FileRecords;
using FilePipeline.Operations;
using FilePipeline.Processor.Handling;
using FilePipeline.Provisioning;
using FilePipeline.Tests.Emulator;

namespace FilePipeline.Tests.Infra;

/// <summary>
/// The pipeline on a bucket that already exists and that another consumer already listens to (<see cref="SharedBucket"/>),
/// against moto: attach, update and destroy leave the other consumer's configuration byte for byte as S3 served it.
/// moto's gap met here: its GetBucketNotificationConfiguration leaves EventBridgeConfiguration out, so EventBridge delivery
/// that another consumer switched on cannot be seen (and kept) on moto; BucketNotificationResourceTests shows it kept
/// against S3's documented answer.
/// </summary>
public sealed class ExistingBucketTests(MotoFixture moto) : IDisposable
{
    private readonly MotoAws _aws = new(moto);

    public void Dispose() => _aws.Dispose();

    [Fact]
    public async Task Attach_update_and_detach_change_only_the_pipelines_entry()
    {
        var ct = TestContext.Current.CancellationToken;
        var bucket = await SharedBucket.CreateAsync(_aws, moto.Url, ct);
        var queueUrl = (await _aws.Sqs.CreateQueueAsync(MotoFixture.UniqueName("ours"), ct)).QueueUrl!;
        var queueArn = (await _aws.Sqs.GetQueueAttributesAsync(queueUrl, ["QueueArn"], ct)).Attributes!["QueueArn"];
        var editor = new BucketNotificationEditor(_aws.S3);
        var wanted = new PipelineNotification(bucket.Name, "FilePipeline-attach", NotificationRoute.Queue, queueArn, "uploads/");

        var attached = await editor.AttachAsync(wanted, null, ct);

        var afterAttach = await bucket.ReadAsync(ct);
        Assert.Equal(bucket.TheirConfigurations, SharedBucket.Configurations(afterAttach));
        var ours = Assert.Single(SharedBucket.PipelineConfigurations(afterAttach));
        Assert.Contains($"<Queue>{queueArn}</Queue>", ours, StringComparison.Ordinal);
        Assert.Contains("<Value>uploads/</Value>", ours, StringComparison.Ordinal);
        Assert.False(attached.EventBridgeEnabledBefore);

        // Both consumers get their own keys' events.
        await _aws.S3.PutObjectAsync(new PutObjectRequest { BucketName = bucket.Name, Key = "uploads/a.txt", ContentBody = "ours" }, ct);
        await _aws.S3.PutObjectAsync(new PutObjectRequest { BucketName = bucket.Name, Key = "thumbnails/a.png", ContentBody = "theirs" }, ct);
        await QueueEvents.ReceiveUntilEventAsync(_aws.Sqs, queueUrl, ct, body => Uri.UnescapeDataString(body).Contains("\"uploads/a.txt\"", StringComparison.Ordinal));
        await QueueEvents.ReceiveUntilEventAsync(_aws.Sqs, bucket.TheirQueueUrl, ct, body => Uri.UnescapeDataString(body).Contains("\"thumbnails/a.png\"", StringComparison.Ordinal));

        var updated = await editor.AttachAsync(wanted with { KeyPrefix = "incoming/", KeySuffix = ".csv" }, attached, ct);

        var afterUpdate = await bucket.ReadAsync(ct);
        Assert.Equal(bucket.TheirConfigurations, SharedBucket.Configurations(afterUpdate));
        ours = Assert.Single(SharedBucket.PipelineConfigurations(afterUpdate));
        Assert.Contains("<Value>incoming/</Value>", ours, StringComparison.Ordinal);
        Assert.Contains("<Value>.csv</Value>", ours, StringComparison.Ordinal);

        await editor.DetachAsync(updated, ct);

        Assert.Equal(bucket.Original, await bucket.ReadAsync(ct));
        await editor.DetachAsync(updated, ct); // nothing left to remove: no error, no write
        Assert.Equal(bucket.Original, await bucket.ReadAsync(ct));
    }

    [Theory]
    [InlineData("thumbnails/2026/", "queue configuration 'thumbnails'")]
    [InlineData("quarantine/", "Lambda function configuration 'virus-scan'")]
    [InlineData("", "topic configuration 'archive-deletes'")]
    public async Task Overlapping_entry_is_one_error_naming_it_and_nothing_changes(string prefix, string named)
    {
        var ct = TestContext.Current.CancellationToken;
        var bucket = await SharedBucket.CreateAsync(_aws, moto.Url, ct);
        var wanted = new PipelineNotification(bucket.Name, "FilePipeline-overlap", NotificationRoute.Queue, "arn:aws:sqs:us-east-1:123456789012:pipeline", prefix);

        var error = await Assert.ThrowsAsync<NotificationConflictException>(() => new BucketNotificationEditor(_aws.S3).AttachAsync(wanted, null, ct));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Contains($"Bucket '{bucket.Name}'", error.Message, StringComparison.Ordinal);
        Assert.Equal(bucket.Original, await bucket.ReadAsync(ct));
    }

    [Theory]
    [InlineData(RoutingMode.Direct)]
    [InlineData(RoutingMode.Sns)]
    [InlineData(RoutingMode.EventBridge)]
    public async Task Local_stack_on_an_existing_bucket_gets_its_keys_and_destroy_leaves_the_bucket_as_it_was(RoutingMode routing)
    {
        var ct = TestContext.Current.CancellationToken;
        var bucket = await SharedBucket.CreateAsync(_aws, moto.Url, ct);
        await _aws.S3.PutObjectAsync(new PutObjectRequest { BucketName = bucket.Name, Key = "thumbnails/before.png", ContentBody = "theirs" }, ct);
        using var provisioner = new StackProvisioner(_aws.Settings);
        var stack = MotoAws.StackName("ext");

        var outputs = await provisioner.ProvisionLocalAsync(stack, routing, new ExistingBucket(bucket.Name, "uploads/"), ct);
        var again = await provisioner.ProvisionLocalAsync(stack, routing, new ExistingBucket(bucket.Name, "uploads/"), ct);

        Assert.Equal(outputs.ToEnvironment(), again.ToEnvironment());
        Assert.Equal((bucket.Name, "false"), (outputs.BucketName, outputs.All["BucketOwnedByStack"]));
        Assert.False(await BucketExistsAsync(StackProvisioner.UploadBucketName(stack, "123456789012"), ct));
        var attached = await bucket.ReadAsync(ct);
        Assert.Equal(bucket.TheirConfigurations, SharedBucket.Configurations(attached));
        Assert.Equal(routing == RoutingMode.EventBridge ? 0 : 1, SharedBucket.PipelineConfigurations(attached).Count);
        // None of the bucket's own settings were touched (a stack of its own bucket sets all three).
        Assert.NotEqual(VersionStatus.Enabled, (await _aws.S3.GetBucketVersioningAsync(new GetBucketVersioningRequest { BucketName = bucket.Name }, ct)).VersioningConfig.Status);
        await Assert.ThrowsAsync<AmazonS3Exception>(() => _aws.S3.GetPublicAccessBlockAsync(new GetPublicAccessBlockRequest { BucketName = bucket.Name }, ct));
        await Assert.ThrowsAsync<AmazonS3Exception>(() => _aws.S3.GetBucketOwnershipControlsAsync(new GetBucketOwnershipControlsRequest { BucketName = bucket.Name }, ct));

        await _aws.S3.PutObjectAsync(new PutObjectRequest { BucketName = bucket.Name, Key = "uploads/new file.txt", ContentBody = "hello" }, ct);
        var received = await QueueEvents.ReceiveUntilEventAsync(_aws.Sqs, outputs.QueueUrl, ct);
        using (var processor = new ProcessorHarness(outputs, _aws.S3, _aws.Dynamo))
        {
            var failed = await processor.Batch.ProcessAsync([.. received.Select(m => new QueueMessage(m.MessageId!, m.Body!, 1, null, null))], fifo: false, ct);
            Assert.True(failed.Count == 0, string.Join('\n', received.Select(m => m.Body)));
        }

        var record = await RecordAsync(outputs, "uploads/new file.txt", ct);
        Assert.Equal(RecordStatus.Processed, record?.Status);

        await provisioner.DestroyAsync(stack, null, ct);

        Assert.Null(await provisioner.FindAsync(stack, ct));
        Assert.Equal(bucket.Original, await bucket.ReadAsync(ct));
        var left = (await _aws.S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket.Name }, ct)).S3Objects!.Select(o => o.Key);
        Assert.Equal(["thumbnails/before.png", "uploads/new file.txt"], left.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Backfill_over_an_existing_bucket_records_the_objects_that_were_there_before()
    {
        var ct = TestContext.Current.CancellationToken;
        var bucket = await SharedBucket.CreateAsync(_aws, moto.Url, ct);
        string[] before = ["uploads/2025/report.csv", "uploads/notes.txt", "uploads/deep/er/x.json"];
        foreach (var key in before)
        {
            await _aws.S3.PutObjectAsync(new PutObjectRequest { BucketName = bucket.Name, Key = key, ContentBody = $"was here before: {key}" }, ct);
        }

        await _aws.S3.PutObjectAsync(new PutObjectRequest { BucketName = bucket.Name, Key = "thumbnails/theirs.png", ContentBody = "not the pipeline's" }, ct);
        using var provisioner = new StackProvisioner(_aws.Settings);
        var stack = MotoAws.StackName("bf");
        var outputs = await provisioner.ProvisionLocalAsync(stack, RoutingMode.Direct, new ExistingBucket(bucket.Name, "uploads/"), ct);

        var done = await new Backfill(_aws.S3, _aws.Sqs, outputs.BucketName, outputs.QueueUrl, moto.Region).RunAsync("uploads/", null, ct);

        Assert.Equal((3, 3, 0), (done.Objects, done.Enqueued, done.Failed));
        using (var processor = new ProcessorHarness(outputs, _aws.S3, _aws.Dynamo))
        {
            var messages = new List<QueueMessage>();
            while (messages.Count < before.Length)
            {
                var received = await QueueEvents.ReceiveUntilEventAsync(_aws.Sqs, outputs.QueueUrl, ct);
                messages.AddRange(received.Where(m => !m.Body!.Contains("s3:TestEvent", StringComparison.Ordinal)).Select(m => new QueueMessage(m.MessageId!, m.Body!, 1, null, null)));
            }

            Assert.Empty(await processor.Batch.ProcessAsync(messages, fifo: false, ct));
        }

        foreach (var key in before)
        {
            Assert.Equal(RecordStatus.Processed, (await RecordAsync(outputs, key, ct))?.Status);
        }

        Assert.Null(await RecordAsync(outputs, "thumbnails/theirs.png", ct));
        await provisioner.DestroyAsync(stack, null, ct);
        Assert.Equal(4, (await _aws.S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket.Name }, ct)).KeyCount);
    }

    [Fact]
    public async Task Local_stack_refuses_a_missing_bucket_an_overlap_or_another_bucket_before_creating_anything()
    {
        var ct = TestContext.Current.CancellationToken;
        var bucket = await SharedBucket.CreateAsync(_aws, moto.Url, ct);
        using var provisioner = new StackProvisioner(_aws.Settings);
        var stack = MotoAws.StackName("no");

        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            provisioner.ProvisionLocalAsync(stack, RoutingMode.Direct, new ExistingBucket(MotoFixture.UniqueName("absent")), ct));
        var overlap = await Assert.ThrowsAsync<NotificationConflictException>(() =>
            provisioner.ProvisionLocalAsync(stack, RoutingMode.Direct, new ExistingBucket(bucket.Name, "thumbnails/"), ct));
        var ownName = await Assert.ThrowsAsync<ArgumentException>(() =>
            provisioner.ProvisionLocalAsync(stack, RoutingMode.Direct, new ExistingBucket(StackProvisioner.UploadBucketName(stack, "123456789012")), ct));

        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);
        Assert.Contains("queue configuration 'thumbnails'", overlap.Message, StringComparison.Ordinal);
        Assert.Contains("gives the bucket it creates itself", ownName.Message, StringComparison.Ordinal);
        Assert.Null(await provisioner.FindAsync(stack, ct));
        Assert.Equal(bucket.Original, await bucket.ReadAsync(ct));

        await provisioner.ProvisionLocalAsync(stack, RoutingMode.Direct, new ExistingBucket(bucket.Name, "uploads/"), ct);
        var own = await Assert.ThrowsAsync<InvalidOperationException>(() => provisioner.ProvisionLocalAsync(stack, RoutingMode.Direct, ct));
        Assert.Contains($"attached to bucket '{bucket.Name}' for keys 'uploads/*'", own.Message, StringComparison.Ordinal);
        await provisioner.DestroyAsync(stack, null, ct);
        Assert.Equal(bucket.Original, await bucket.ReadAsync(ct));
    }

    [Fact]
    public async Task Deploy_onto_an_existing_bucket_with_an_overlapping_entry_fails_before_anything_is_uploaded_or_created()
    {
        var ct = TestContext.Current.CancellationToken;
        var bucket = await SharedBucket.CreateAsync(_aws, moto.Url, ct);
        using var provisioner = new StackProvisioner(_aws.Settings);
        var stack = MotoAws.StackName("depx");
        var package = Path.Combine(Path.GetTempPath(), $"fp-package-{Guid.NewGuid():N}.zip");
        await File.WriteAllTextAsync(package, "not read: the check comes first", ct);
        try
        {
            var error = await Assert.ThrowsAsync<NotificationConflictException>(() => provisioner.DeployAsync(new DeployOptions
            {
                StackName = stack,
                PackagePath = package,
                Routing = RoutingMode.Sns,
                ExistingBucket = bucket.Name,
                Parameters = new Dictionary<string, string> { ["KeyPrefix"] = "quarantine/", ["KeySuffix"] = ".exe" },
            }, null, ct));

            Assert.Contains("Lambda function configuration 'virus-scan'", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(package);
        }

        Assert.Null(await provisioner.FindAsync(stack, ct));
        Assert.False(await BucketExistsAsync(StackProvisioner.ArtifactsBucketName(stack, "123456789012"), ct));
        Assert.Equal(bucket.Original, await bucket.ReadAsync(ct));
    }

    private async Task<FileRecord?> RecordAsync(StackOutputs outputs, string key, CancellationToken ct) =>
        await new RecordStore(_aws.Dynamo, outputs.TableName).GetAsync(outputs.BucketName, key, ct);

    private async Task<bool> BucketExistsAsync(string name, CancellationToken ct)
    {
        try
        {
            await _aws.S3.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = name }, ct);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}
