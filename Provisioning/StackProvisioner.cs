using Amazon.CloudFormation;
using Amazon.CloudFormation.Model;
using InvalidOperationException = System.InvalidOperationException;
using Amazon.DynamoDBv2;
using Amazon.S3;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Amazon.SQS;
using Microsoft.Extensions.Hosting;

namespace FilePipeline.Provisioning;

/// <summary>
/// Creates, updates and deletes the FilePipeline stack from infra/filepipeline.yaml: locally (with the
/// emulator's gaps applied by API, <see cref="EmulatorGaps"/>) and in AWS (through a change set).
/// </summary>
public sealed class StackProvisioner : IDisposable
{
    /// <summary>Placeholder code location for a local stack: the template requires one, the local condition leaves the function out.</summary>
    public const string LocalCodePlaceholder = "local-worker-no-function";

    private static readonly string[] Capabilities = ["CAPABILITY_IAM"];

    private readonly IAmazonCloudFormation _cloudFormation;
    private readonly IAmazonS3 _s3;
    private readonly IAmazonDynamoDB _dynamo;
    private readonly IAmazonSQS _sqs;
    private readonly IAmazonSecurityTokenService _sts;
    private readonly StackWatcher _watcher;
    private readonly BucketStore _buckets;
    private readonly AwsSettings _settings;

    public StackProvisioner(AwsSettings settings)
    {
        _settings = settings;
        var aws = settings.ToAWSOptions();
        _cloudFormation = aws.CreateAwsClient<IAmazonCloudFormation>();
        _s3 = aws.CreateAwsClient<IAmazonS3>();
        _dynamo = aws.CreateAwsClient<IAmazonDynamoDB>();
        _sqs = aws.CreateAwsClient<IAmazonSQS>();
        _sts = aws.CreateAwsClient<IAmazonSecurityTokenService>();
        _watcher = new StackWatcher(_cloudFormation);
        _buckets = new BucketStore(_s3);
    }

    /// <summary>A provisioner for the environment's region, credentials and endpoint (see <see cref="AwsSettings.FromEnvironment"/>).</summary>
    public static StackProvisioner FromEnvironment() => new(AwsSettings.FromEnvironment());

    /// <summary>
    /// Provisions a local stack (function and event source mapping left out) and applies what the emulator
    /// ignores. Idempotent: an existing stack of that name is reused (it must have the same routing).
    /// </summary>
    public async Task<StackOutputs> ProvisionLocalAsync(string stackName, RoutingMode routing, CancellationToken ct)
    {
        StackTemplate.ValidateStackName(stackName);
        var stack = await _watcher.FindAsync(stackName, ct);
        if (stack is not null && StackWatcher.IsInProgress(stack))
        {
            stack = await _watcher.WaitAsync(stackName, null, TimeSpan.FromMinutes(5), null, ct);
        }

        if (stack is not null && !StackWatcher.IsUsable(stack))
        {
            await DeleteStackAsync(stackName, null, TimeSpan.FromMinutes(5), ct);
            stack = null;
        }

        if (stack is null)
        {
            try
            {
                await _cloudFormation.CreateStackAsync(new CreateStackRequest
                {
                    StackName = stackName,
                    TemplateBody = StackTemplate.Body,
                    Parameters = ToParameters(LocalParameters(routing)),
                    Capabilities = [.. Capabilities],
                }, ct);
            }
            catch (AlreadyExistsException)
            {
                // Another process created it between our look and our create: reuse it.
            }

            stack = await _watcher.WaitAsync(stackName, null, TimeSpan.FromMinutes(5), null, ct);
            StackWatcher.EnsureSucceeded(stack, "create");
        }

        var outputs = StackOutputs.From(stackName, StackWatcher.Outputs(stack));
        if (outputs.Routing != routing)
        {
            throw new InvalidOperationException(
                $"Stack '{stackName}' exists with routing {outputs.Routing}, not {routing}: destroy it first or use another stack name.");
        }

        await new EmulatorGaps(_s3, _dynamo, _sqs).ApplyAsync(outputs, ct);
        return outputs;
    }

    /// <summary>
    /// Uploads the Lambda package to the artifacts bucket and creates or updates the stack through a change
    /// set, reporting stack events as progress; returns the outputs.
    /// </summary>
    public async Task<StackOutputs> DeployAsync(DeployOptions options, IProgress<StackEventInfo>? progress, CancellationToken ct)
    {
        StackTemplate.ValidateStackName(options.StackName);
        if (!File.Exists(options.PackagePath))
        {
            throw new FileNotFoundException($"The Lambda package '{options.PackagePath}' does not exist.", options.PackagePath);
        }

        var account = await AccountAsync(ct);
        var artifacts = options.ArtifactsBucket ?? ArtifactsBucketName(options.StackName, account);
        await _buckets.EnsurePrivateBucketAsync(artifacts, _settings.Region.SystemName, ct);
        var codeKey = await _buckets.UploadPackageAsync(artifacts, options.PackagePath, ct);

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Local"] = "false",
            ["Routing"] = options.Routing.ToString(),
            ["CodeBucket"] = artifacts,
            ["CodeKey"] = codeKey,
            ["Architecture"] = options.Architecture,
        };
        foreach (var (key, value) in options.Parameters)
        {
            parameters[key] = value;
        }

        var stack = await _watcher.FindAsync(options.StackName, ct);
        if (stack is not null && StackWatcher.IsInProgress(stack))
        {
            stack = await _watcher.WaitAsync(options.StackName, null, options.Timeout, progress, ct);
        }

        if (stack is not null && StackWatcher.Status(stack) is "ROLLBACK_COMPLETE" or "ROLLBACK_FAILED" or "CREATE_FAILED" or "DELETE_FAILED")
        {
            // A stack whose creation failed cannot be updated: delete it and create it again.
            await DeleteStackAsync(options.StackName, progress, options.Timeout, ct);
            stack = null;
        }

        var create = stack is null || StackWatcher.Status(stack) == "REVIEW_IN_PROGRESS";
        var since = DateTime.UtcNow;
        var changeSet = $"deploy-{since:yyyyMMdd-HHmmss}";
        await _cloudFormation.CreateChangeSetAsync(new CreateChangeSetRequest
        {
            StackName = options.StackName,
            ChangeSetName = changeSet,
            ChangeSetType = create ? ChangeSetType.CREATE : ChangeSetType.UPDATE,
            TemplateBody = StackTemplate.Body,
            Parameters = ToParameters(parameters),
            Capabilities = [.. Capabilities],
        }, ct);

        var described = await _watcher.WaitForChangeSetAsync(options.StackName, changeSet, options.Timeout, ct);
        if (described is null)
        {
            // The change set holds no changes: the stack is already what this deploy asks for.
            progress?.Report(new StackEventInfo(DateTimeOffset.UtcNow, options.StackName, "AWS::CloudFormation::Stack", "NO_CHANGES", "the stack is up to date"));
        }
        else
        {
            await _cloudFormation.ExecuteChangeSetAsync(new ExecuteChangeSetRequest { StackName = options.StackName, ChangeSetName = changeSet }, ct);
            var done = await _watcher.WaitAsync(options.StackName, since, options.Timeout, progress, ct);
            StackWatcher.EnsureSucceeded(done, create ? "create" : "update");
        }

        var outputs = StackWatcher.Outputs(await _watcher.FindAsync(options.StackName, ct)
            ?? throw new InvalidOperationException($"Stack '{options.StackName}' vanished after its deploy."));
        if (outputs.Count == 0)
        {
            outputs = await OutputsAfterChangeSetOnMotoAsync(options.StackName, parameters, progress, options.Timeout, ct);
        }

        return StackOutputs.From(options.StackName, outputs);
    }

    /// <summary>
    /// Empties the buckets the stack owns (the upload bucket, every version, and the artifacts bucket deploy
    /// made), deletes the stack and waits until it is gone, then deletes the artifacts bucket. A stack that
    /// does not exist is not an error.
    /// </summary>
    public async Task DestroyAsync(string stackName, IProgress<StackEventInfo>? progress, CancellationToken ct)
    {
        StackTemplate.ValidateStackName(stackName);
        var account = await AccountAsync(ct);
        var stack = await _watcher.FindAsync(stackName, ct);
        var uploads = stack is null ? null : StackWatcher.Outputs(stack).GetValueOrDefault("BucketName");
        uploads ??= UploadBucketName(stackName, account);

        await _buckets.EmptyAsync(uploads, ct);
        if (stack is not null)
        {
            await DeleteStackAsync(stackName, progress, TimeSpan.FromMinutes(30), ct);
        }

        // The bucket is the stack's (DeletionPolicy: Delete); if a stack left it behind, it goes too.
        await _buckets.DeleteAsync(uploads, ct);
        await _buckets.DeleteAsync(ArtifactsBucketName(stackName, account), ct);
    }

    /// <summary>The stack's outputs, or null when there is no usable stack of that name.</summary>
    public async Task<StackOutputs?> FindAsync(string stackName, CancellationToken ct)
    {
        var stack = await _watcher.FindAsync(stackName, ct);
        return stack is null || !StackWatcher.IsUsable(stack) ? null : StackOutputs.From(stackName, StackWatcher.Outputs(stack));
    }

    public static string UploadBucketName(string stackName, string account) => $"{stackName}-uploads-{account}";

    public static string ArtifactsBucketName(string stackName, string account) => $"{stackName}-artifacts-{account}";

    public void Dispose()
    {
        _cloudFormation.Dispose();
        _s3.Dispose();
        _dynamo.Dispose();
        _sqs.Dispose();
        _sts.Dispose();
    }

    private static Dictionary<string, string> LocalParameters(RoutingMode routing) => new(StringComparer.Ordinal)
    {
        ["Local"] = "true",
        ["Routing"] = routing.ToString(),
        ["CodeBucket"] = LocalCodePlaceholder,
        ["CodeKey"] = LocalCodePlaceholder,
    };

    private static List<Parameter> ToParameters(IReadOnlyDictionary<string, string> values) =>
        [.. values.Select(pair => new Parameter { ParameterKey = pair.Key, ParameterValue = pair.Value })];

    private async Task<string> AccountAsync(CancellationToken ct)
    {
        try
        {
            var identity = await _sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), ct);
            return identity.Account;
        }
        catch (AmazonSecurityTokenServiceException e)
        {
            throw new AwsSettingsException($"The AWS credentials were refused ({e.ErrorCode}: {e.Message}): check AWS_PROFILE or the access keys.", e);
        }
    }

    private async Task DeleteStackAsync(string stackName, IProgress<StackEventInfo>? progress, TimeSpan timeout, CancellationToken ct)
    {
        var since = DateTime.UtcNow;
        await _cloudFormation.DeleteStackAsync(new DeleteStackRequest { StackName = stackName }, ct);
        var stack = await _watcher.WaitAsync(stackName, since, timeout, progress, ct);
        if (stack is not null && StackWatcher.Status(stack) != "DELETE_COMPLETE")
        {
            throw new StackOperationException(stackName, "delete", StackWatcher.Status(stack), stack.StackStatusReason);
        }
    }

    /// <summary>
    /// Gap of moto's CloudFormation: <c>DescribeStacks</c> after a change-set deploy has no Outputs (its
    /// ExecuteChangeSet never evaluates them). An <c>UpdateStack</c> with the same template and parameters
    /// (a no-op) makes it evaluate them. Real CloudFormation always has them, so this never runs there.
    /// </summary>
    private async Task<Dictionary<string, string>> OutputsAfterChangeSetOnMotoAsync(
        string stackName, IReadOnlyDictionary<string, string> parameters, IProgress<StackEventInfo>? progress, TimeSpan timeout, CancellationToken ct)
    {
        var since = DateTime.UtcNow;
        await _cloudFormation.UpdateStackAsync(new UpdateStackRequest
        {
            StackName = stackName,
            TemplateBody = StackTemplate.Body,
            Parameters = ToParameters(parameters),
            Capabilities = [.. Capabilities],
        }, ct);
        var stack = await _watcher.WaitAsync(stackName, since, timeout, progress, ct);
        StackWatcher.EnsureSucceeded(stack, "update");
        var outputs = StackWatcher.Outputs(stack);
        return outputs.Count > 0
            ? outputs
            : throw new InvalidOperationException($"Stack '{stackName}' reports no outputs after its deploy.");
    }
}
