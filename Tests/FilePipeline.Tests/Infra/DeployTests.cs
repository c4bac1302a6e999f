using System.IO.Compression;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS.Model;
using FilePipeline.Provisioning;
using FilePipeline.Tests.Emulator;

namespace FilePipeline.Tests.Infra;

/// <summary>
/// deploy and destroy against moto's CloudFormation, with the cloud template (Local=false: moto creates the
/// function and the event source mapping too; no message is ever sent here, so the mapping's habit of draining
/// the queue does not matter). The package is a small zip: moto stores the code but never runs it.
/// Known gaps of moto 5.2.1 this exercises (each handled in the product or noted here):
/// <list type="bullet">
/// <item>DescribeStacks after a change-set deploy has no Outputs: the product re-evaluates them with a no-op
/// UpdateStack (<c>StackProvisioner.OutputsAfterChangeSetOnMotoAsync</c>).</item>
/// <item>A change-set deploy records stack-level events only (no per-resource events), and its change set lists no Changes.</item>
/// <item>An update changes the queue's VisibilityTimeout but not its RedrivePolicy (a new MaxReceiveCount is ignored), so
/// the update is checked on the visibility timeout.</item>
/// <item>The bucket's Versioning, PublicAccessBlock and NotificationConfiguration are ignored on a cloud stack too.</item>
/// </list>
/// </summary>
public sealed class DeployTests(MotoFixture moto) : IDisposable
{
    private readonly MotoAws _aws = new(moto);
    private readonly string _package = Path.Combine(Path.GetTempPath(), $"fp-package-{Guid.NewGuid():N}.zip");

    public void Dispose()
    {
        _aws.Dispose();
        File.Delete(_package);
    }

    [Fact]
    public async Task Deploy_creates_updates_and_destroy_leaves_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        using var provisioner = new StackProvisioner(_aws.Settings);
        var stack = MotoAws.StackName("dep");
        WritePackage(_package);
        var events = new List<StackEventInfo>();
        var progress = new SynchronousProgress<StackEventInfo>(events.Add);

        var created = await provisioner.DeployAsync(new DeployOptions { StackName = stack, PackagePath = _package, Timeout = TimeSpan.FromMinutes(2) }, progress, ct);

        Assert.Equal($"{stack}-processor", created.FunctionName);
        Assert.Equal($"{stack}-uploads-123456789012", created.BucketName);
        Assert.Equal(RoutingMode.Direct, created.Routing);
        Assert.Contains(events, e => e.LogicalResourceId == stack && e.ResourceStatus == "CREATE_COMPLETE");
        var artifacts = StackProvisioner.ArtifactsBucketName(stack, "123456789012");
        var packageKey = Assert.Single((await _aws.S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = artifacts }, ct)).S3Objects!).Key;
        Assert.Matches("^processor/[0-9a-f]{64}\\.zip$", packageKey);
        Assert.Equal("360", await QueueAttributeAsync(created.QueueUrl, "VisibilityTimeout", ct));

        events.Clear();
        var updated = await provisioner.DeployAsync(new DeployOptions
        {
            StackName = stack,
            PackagePath = _package,
            Parameters = new Dictionary<string, string> { ["FunctionTimeout"] = "120" },
            Timeout = TimeSpan.FromMinutes(2),
        }, progress, ct);

        Assert.Equal(created.QueueUrl, updated.QueueUrl);
        Assert.Equal(created.TableName, updated.TableName);
        Assert.Equal("720", await QueueAttributeAsync(updated.QueueUrl, "VisibilityTimeout", ct));
        Assert.Contains(events, e => e.LogicalResourceId == stack && e.ResourceStatus == "UPDATE_COMPLETE");

        await _aws.S3.PutObjectAsync(new PutObjectRequest { BucketName = updated.BucketName, Key = "a.txt", ContentBody = "v1" }, ct);
        await _aws.S3.PutObjectAsync(new PutObjectRequest { BucketName = updated.BucketName, Key = "a.txt", ContentBody = "v2" }, ct);
        await provisioner.DestroyAsync(stack, progress, ct);

        Assert.Null(await provisioner.FindAsync(stack, ct));
        Assert.False(await BucketExistsAsync(updated.BucketName, ct));
        Assert.False(await BucketExistsAsync(artifacts, ct));
        await Assert.ThrowsAsync<QueueDoesNotExistException>(() => _aws.Sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = updated.QueueUrl, AttributeNames = ["All"] }, ct));
        await Assert.ThrowsAsync<QueueDoesNotExistException>(() => _aws.Sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = updated.DeadLetterQueueUrl, AttributeNames = ["All"] }, ct));
        await Assert.ThrowsAsync<Amazon.DynamoDBv2.Model.ResourceNotFoundException>(() => _aws.Dynamo.DescribeTableAsync(updated.TableName, ct));
    }

    [Fact]
    public async Task Destroy_of_a_stack_that_does_not_exist_succeeds()
    {
        var ct = TestContext.Current.CancellationToken;
        using var provisioner = new StackProvisioner(_aws.Settings);
        var stack = MotoAws.StackName("none");
        var events = new List<StackEventInfo>();

        await provisioner.DestroyAsync(stack, new SynchronousProgress<StackEventInfo>(events.Add), ct); // throws if it fails

        // Nothing to report and nothing left or made: no stack events, no stack, none of the buckets named after it.
        Assert.Empty(events);
        Assert.Null(await provisioner.FindAsync(stack, ct));
        Assert.False(await BucketExistsAsync(StackProvisioner.UploadBucketName(stack, "123456789012"), ct));
        Assert.False(await BucketExistsAsync(StackProvisioner.ArtifactsBucketName(stack, "123456789012"), ct));
    }

    [Fact]
    public async Task Deploy_without_the_package_is_a_clear_error_and_creates_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        using var provisioner = new StackProvisioner(_aws.Settings);
        var stack = MotoAws.StackName("nopkg");

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() =>
            provisioner.DeployAsync(new DeployOptions { StackName = stack, PackagePath = "/nonexistent/bootstrap.zip" }, null, ct));

        Assert.Contains("/nonexistent/bootstrap.zip", error.Message, StringComparison.Ordinal);
        Assert.Null(await provisioner.FindAsync(stack, ct));
    }

    [Fact]
    public void Package_stores_the_executable_as_bootstrap_with_mode_755()
    {
        var dir = Directory.CreateTempSubdirectory("fp-publish-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "FilePipeline.Processor"), "#!/bin/sh\n");
            File.WriteAllText(Path.Combine(dir, "FilePipeline.Processor.dll"), "dll");
            File.WriteAllText(Path.Combine(dir, "FilePipeline.Processor.pdb"), "pdb");

            LambdaPackage.Zip(dir, Path.Combine(dir, "FilePipeline.Processor"), _package);

            using var zip = ZipFile.OpenRead(_package);
            Assert.Equal(["FilePipeline.Processor.dll", "bootstrap"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
            Assert.Equal(0x81ED, zip.GetEntry("bootstrap")!.ExternalAttributes >>> 16);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void WritePackage(string path)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        var entry = zip.CreateEntry("bootstrap");
        using var writer = new StreamWriter(entry.Open());
        writer.Write("#!/bin/sh\necho not run by moto\n");
    }

    private async Task<string> QueueAttributeAsync(string queueUrl, string name, CancellationToken ct) =>
        (await _aws.Sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = queueUrl, AttributeNames = [name] }, ct)).Attributes![name];

    private async Task<bool> BucketExistsAsync(string bucket, CancellationToken ct)
    {
        try
        {
            await _aws.S3.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = bucket }, ct);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; posts to the thread pool, so a test could miss events).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
