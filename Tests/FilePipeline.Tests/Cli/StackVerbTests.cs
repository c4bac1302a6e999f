using System.IO.Compression;
using Amazon.SQS.Model;
using FilePipeline.Cli;
using FilePipeline.Tests.AppHost;
using FilePipeline.Provisioning;
using FilePipeline.Tests.Infra;
using FilePipeline.Tests.Emulator;

namespace FilePipeline.Tests.Cli;

/// <summary>
/// <c>deploy</c> and <c>destroy</c> as the real AppHost process against moto's CloudFormation (the cloud template,
/// Local=false). The package is a small prebuilt zip passed with <c>--package</c> (moto stores the code, never
/// runs it; building the real one is minutes of publish). moto's gaps met here are handled in Provisioning and
/// listed in <see cref="DeployTests"/>: no Outputs after a change-set deploy (re-read through a no-op update),
/// stack-level events only, RedrivePolicy not updated (so the update is checked on the visibility timeout).
/// </summary>
public sealed class StackVerbTests(MotoFixture moto) : IDisposable
{
    private static readonly TimeSpan VerbTimeout = TimeSpan.FromMinutes(3);

    private readonly string _package = Path.Combine(Path.GetTempPath(), $"fp-verb-package-{Guid.NewGuid():N}.zip");
    private readonly string _home = Directory.CreateTempSubdirectory("fp-no-aws-home-").FullName;

    [Fact]
    public async Task Deploy_prints_the_outputs_updates_a_queue_setting_and_destroy_leaves_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        WritePackage();
        var stack = MotoAws.StackName("vdep");
        using var aws = new MotoAws(moto);
        using var provisioner = new StackProvisioner(aws.Settings);

        var (created, createOutput) = await VerbAsync(["deploy", "--stack", stack, "--package", _package], ct);

        Assert.True(created == ExitCodes.Success, string.Join('\n', createOutput));
        Assert.Contains(createOutput, line => line.Contains("CREATE_COMPLETE", StringComparison.Ordinal) && line.EndsWith(stack, StringComparison.Ordinal));
        Assert.Contains($"stack {stack} deployed; outputs:", createOutput);
        Assert.Contains(createOutput, line => line.StartsWith("  BucketName", StringComparison.Ordinal) && line.EndsWith($"{stack}-uploads-123456789012", StringComparison.Ordinal));
        Assert.Contains(createOutput, line => line.StartsWith("  FunctionName", StringComparison.Ordinal) && line.EndsWith($"{stack}-processor", StringComparison.Ordinal));
        var outputs = await provisioner.FindAsync(stack, ct);
        Assert.NotNull(outputs);
        Assert.Equal("360", await VisibilityTimeoutAsync(aws, outputs.QueueUrl, ct));

        var (updated, updateOutput) = await VerbAsync(["deploy", "--stack", stack, "--package", _package, "--parameter", "FunctionTimeout=120"], ct);

        Assert.True(updated == ExitCodes.Success, string.Join('\n', updateOutput));
        Assert.Contains(updateOutput, line => line.Contains("UPDATE_COMPLETE", StringComparison.Ordinal) && line.EndsWith(stack, StringComparison.Ordinal));
        Assert.Equal("720", await VisibilityTimeoutAsync(aws, outputs.QueueUrl, ct));

        var (destroyed, destroyOutput) = await VerbAsync(["destroy", "--stack", stack, "--yes"], ct);

        Assert.True(destroyed == ExitCodes.Success, string.Join('\n', destroyOutput));
        Assert.Contains($"stack {stack} destroyed", destroyOutput);
        Assert.Null(await provisioner.FindAsync(stack, ct));
        await Assert.ThrowsAsync<QueueDoesNotExistException>(() => aws.Sqs.GetQueueAttributesAsync(
            new GetQueueAttributesRequest { QueueUrl = outputs.QueueUrl, AttributeNames = ["All"] }, ct));
    }

    [Fact]
    public async Task Deploy_onto_an_existing_bucket_with_an_overlapping_entry_prints_one_line_naming_it_and_creates_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        WritePackage();
        var stack = MotoAws.StackName("vext");
        using var aws = new MotoAws(moto);
        using var provisioner = new StackProvisioner(aws.Settings);
        var bucket = await SharedBucket.CreateAsync(aws, moto.Url, ct);

        var (exitCode, output) = await VerbAsync(["deploy", "--stack", stack, "--package", _package, "--existing-bucket", bucket.Name, "--parameter", "KeyPrefix=thumbnails/"], ct);

        Assert.Equal(ExitCodes.Failure, exitCode);
        var line = Assert.Single(output, line => line.Contains("overlaps", StringComparison.Ordinal));
        Assert.Contains($"Bucket '{bucket.Name}'", line, StringComparison.Ordinal);
        Assert.Contains("queue configuration 'thumbnails'", line, StringComparison.Ordinal);
        Assert.Null(await provisioner.FindAsync(stack, ct));
        Assert.Equal(bucket.Original, await bucket.ReadAsync(ct));
    }

    [Fact]
    public async Task Destroy_without_yes_is_a_usage_error_and_deletes_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var stack = MotoAws.StackName("keep");
        using var aws = new MotoAws(moto);
        using var provisioner = new StackProvisioner(aws.Settings);
        await provisioner.ProvisionLocalAsync(stack, RoutingMode.Direct, ct);

        var (exitCode, output) = await VerbAsync(["destroy", "--stack", stack], ct);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains(output, line => line.Contains("add --yes to confirm", StringComparison.Ordinal));
        Assert.NotNull(await provisioner.FindAsync(stack, ct));
    }

    [Fact]
    public async Task Deploy_with_a_missing_package_is_a_usage_error()
    {
        var ct = TestContext.Current.CancellationToken;

        var (exitCode, output) = await VerbAsync(["deploy", "--stack", MotoAws.StackName("nopkg"), "--package", "/nonexistent/bootstrap.zip"], ct);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains(output, line => line.Contains("/nonexistent/bootstrap.zip", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("deploy")]
    [InlineData("destroy")]
    [InlineData("status")]
    public async Task Without_credentials_a_verb_says_what_to_set(string verb)
    {
        var ct = TestContext.Current.CancellationToken;
        WritePackage();
        string[] arguments = verb switch
        {
            "deploy" => ["deploy", "--package", _package],
            "destroy" => ["destroy", "--yes"],
            _ => [verb],
        };

        var (exitCode, output) = await CliProcess.RunAsync([.. arguments, "--region", "eu-west-1"], VerbTimeout, ct, NoAwsEnvironment());

        Assert.Equal(ExitCodes.Unavailable, exitCode);
        Assert.Contains(output, line => line.Contains("No AWS credentials", StringComparison.Ordinal) && line.Contains("AWS_PROFILE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_region_deploy_says_what_to_set()
    {
        var ct = TestContext.Current.CancellationToken;
        WritePackage();
        var environment = NoAwsEnvironment();
        environment["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE";
        environment["AWS_SECRET_ACCESS_KEY"] = "secret";

        var (exitCode, output) = await CliProcess.RunAsync(["deploy", "--package", _package], VerbTimeout, ct, environment);

        Assert.Equal(ExitCodes.Unavailable, exitCode);
        Assert.Contains(output, line => line.Contains("No AWS region", StringComparison.Ordinal) && line.Contains("AWS_REGION", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("deploy", "--package")]
    [InlineData("destroy", "--yes")]
    public async Task Help_describes_the_verb(string verb, string option)
    {
        var ct = TestContext.Current.CancellationToken;

        var (exitCode, output) = await CliProcess.RunAsync([verb, "--help"], VerbTimeout, ct);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains(output, line => line.TrimStart().StartsWith(option, StringComparison.Ordinal));
        Assert.Contains(output, line => line.TrimStart().StartsWith("--stack", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        File.Delete(_package);
        Directory.Delete(_home, recursive: true);
    }

    private Task<(int ExitCode, IReadOnlyList<string> Output)> VerbAsync(string[] arguments, CancellationToken ct) =>
        CliProcess.RunAsync([.. arguments, "--endpoint", moto.Url.ToString()], VerbTimeout, ct);

    /// <summary>No credentials anywhere the SDK looks: no keys, no profile, an empty home, no instance metadata.</summary>
    private Dictionary<string, string> NoAwsEnvironment()
    {
        var environment = new Dictionary<string, string>
        {
            ["HOME"] = _home,
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["AWS_CONFIG_FILE"] = Path.Combine(_home, "config"),
            ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(_home, "credentials"),
        };
        foreach (var name in new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION" })
        {
            environment[name] = "";
        }

        return environment;
    }

    private void WritePackage()
    {
        if (File.Exists(_package))
        {
            return;
        }

        using var zip = ZipFile.Open(_package, ZipArchiveMode.Create);
        using var writer = new StreamWriter(zip.CreateEntry("bootstrap").Open());
        writer.Write("#!/bin/sh\necho not run by moto\n");
    }

    private static async Task<string> VisibilityTimeoutAsync(MotoAws aws, string queueUrl, CancellationToken ct) =>
        (await aws.Sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = queueUrl, AttributeNames = ["VisibilityTimeout"] }, ct)).Attributes!["VisibilityTimeout"];
}
