using Amazon.CloudFormation;
using Amazon.CloudFormation.Model;
using Tag = Amazon.CloudFormation.Model.Tag;
using InvalidOperationException = System.InvalidOperationException;
using Amazon.DynamoDBv2;
using Amazon.S3;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Amazon.SQS;
using FilePipeline.BucketNotifications;

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

    private readonly AmazonCloudFormationClient _cloudFormation;
    private readonly AmazonS3Client _s3;
    private readonly AmazonDynamoDBClient _dynamo;
    private readonly AmazonSQSClient _sqs;
    private readonly AmazonSecurityTokenServiceClient _sts;
    private readonly StackWatcher _watcher;
    private readonly BucketStore _buckets;
    private readonly AwsSettings _settings;
    private readonly string _templateBody;

    /// <param name="settings">Where and as whom to talk to AWS.</param>
    /// <param name="templateBody">The template to provision; default the embedded infra/filepipeline.yaml.</param>
    public StackProvisioner(AwsSettings settings, string? templateBody = null)
    {
        _settings = settings;
        _templateBody = templateBody ?? StackTemplate.Body;
        _cloudFormation = new AmazonCloudFormationClient(settings.Credentials, settings.Configure(new AmazonCloudFormationConfig()));
        _s3 = new AmazonS3Client(settings.Credentials, settings.Configure(new AmazonS3Config { ForcePathStyle = settings.Endpoint is not null }));
        _dynamo = new AmazonDynamoDBClient(settings.Credentials, settings.Configure(new AmazonDynamoDBConfig()));
        _sqs = new AmazonSQSClient(settings.Credentials, settings.Configure(new AmazonSQSConfig()));
        _sts = new AmazonSecurityTokenServiceClient(settings.Credentials, settings.Configure(new AmazonSecurityTokenServiceConfig()));
        _watcher = new StackWatcher(_cloudFormation);
        _buckets = new BucketStore(_s3);
    }

    /// <summary>A provisioner for the environment's region, credentials and endpoint (see <see cref="AwsSettings.FromEnvironment"/>).</summary>
    public static StackProvisioner FromEnvironment() => new(AwsSettings.FromEnvironment());

    /// <summary>
    /// Provisions a local stack (function and event source mapping left out) and applies what the emulator
    /// ignores. Idempotent: an existing stack of that name is reused (it must have the same routing).
    /// </summary>
    public Task<StackOutputs> ProvisionLocalAsync(string stackName, RoutingMode routing, CancellationToken ct) =>
        ProvisionLocalAsync(stackName, routing, null, null, ct);

    /// <summary><see cref="ProvisionLocalAsync(string, RoutingMode, ExistingBucket?, IProgress{StackEventInfo}?, CancellationToken)"/> without progress.</summary>
    public Task<StackOutputs> ProvisionLocalAsync(string stackName, RoutingMode routing, ExistingBucket? existingBucket, CancellationToken ct) =>
        ProvisionLocalAsync(stackName, routing, existingBucket, null, ct);

    /// <summary>
    /// Provisions a local stack with its own bucket (<paramref name="existingBucket"/> null) or attached to an existing
    /// bucket: then the stack creates no bucket, changes none of its settings and adds only its notification entry, by
    /// the code the cloud's custom resource runs. The bucket must exist and have no entry in the pipeline's way
    /// (<see cref="NotificationConflictException"/>): both are checked before anything is created. Idempotent: an
    /// existing stack of that name is reused (it must have the same routing and bucket). The stack's events are
    /// reported to <paramref name="progress"/> as they happen (the AppHost shows them as the stack's console log).
    /// </summary>
    public async Task<StackOutputs> ProvisionLocalAsync(
        string stackName, RoutingMode routing, ExistingBucket? existingBucket, IProgress<StackEventInfo>? progress, CancellationToken ct)
    {
        StackTemplate.ValidateStackName(stackName);
        existingBucket?.Validate(stackName, await AccountAsync(ct));
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
            var parameters = LocalParameters(routing);
            List<Tag> tags = [];
            if (existingBucket is not null)
            {
                var eventBridgeOn = await new BucketNotificationEditor(_s3).CheckAsync(StackNotification.Planned(stackName, routing, existingBucket), ct);
                parameters["ExistingBucketName"] = existingBucket.Name;
                parameters["KeyPrefix"] = existingBucket.KeyPrefix;
                parameters["KeySuffix"] = existingBucket.KeySuffix;
                tags.Add(new Tag { Key = StackNotification.EventBridgeBeforeTag, Value = eventBridgeOn ? "true" : "false" });
            }

            var since = DateTime.UtcNow;
            try
            {
                await _cloudFormation.CreateStackAsync(new CreateStackRequest
                {
                    StackName = stackName,
                    TemplateBody = _templateBody,
                    Parameters = ToParameters(parameters),
                    Capabilities = [.. Capabilities],
                    Tags = tags,
                }, ct);
            }
            catch (AlreadyExistsException)
            {
                // Another process created it between our look and our create: reuse it.
            }

            stack = await _watcher.WaitAsync(stackName, since, TimeSpan.FromMinutes(5), progress, ct);
            StackWatcher.EnsureSucceeded(stack, "create");
        }

        var outputs = StackOutputs.From(stackName, StackWatcher.Outputs(stack));
        if (outputs.Routing != routing)
        {
            throw new InvalidOperationException(
                $"Stack '{stackName}' exists with routing {outputs.Routing}, not {routing}: destroy it first or use another stack name.");
        }

        var attachedTo = StackNotification.ExistingBucketOf(stack!);
        if (attachedTo != existingBucket)
        {
            throw new InvalidOperationException(
                $"Stack '{stackName}' exists {Describe(attachedTo)}, not {Describe(existingBucket)}: destroy it first or use another stack name.");
        }

        var attachment = StackNotification.AttachmentOf(stack!);
        await new EmulatorGaps(_s3, _dynamo, _sqs).ApplyAsync(
            outputs, attachment is null ? null : attachment with { Notification = StackNotification.For(outputs, attachment.Notification.KeyPrefix, attachment.Notification.KeySuffix) }, ct);
        return outputs;
    }

    /// <summary>
    /// Uploads the Lambda package to the artifacts bucket and creates or updates the stack through a change
    /// set, reporting stack events as progress; returns the outputs. With an existing bucket
    /// (<see cref="DeployOptions.ExistingBucket"/>) the bucket must exist and have no notification entry in the
    /// pipeline's way: checked before anything is uploaded or created (the custom resource checks again).
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
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Local"] = "false",
            ["Routing"] = options.Routing.ToString(),
            ["Architecture"] = options.Architecture,
        };
        foreach (var (key, value) in options.Parameters)
        {
            parameters[key] = value;
        }

        if (options.ExistingBucket is not null)
        {
            parameters["ExistingBucketName"] = options.ExistingBucket;
        }

        var existing = parameters.GetValueOrDefault("ExistingBucketName") is { Length: > 0 } name
            ? new ExistingBucket(name, parameters.GetValueOrDefault("KeyPrefix") ?? "", parameters.GetValueOrDefault("KeySuffix") ?? "")
            : null;
        if (existing is not null)
        {
            existing.Validate(options.StackName, account);
            await new BucketNotificationEditor(_s3, account).CheckAsync(StackNotification.Planned(options.StackName, options.Routing, existing), ct);
        }

        var stack = await _watcher.FindAsync(options.StackName, ct);
        if (stack is not null && StackWatcher.IsInProgress(stack))
        {
            stack = await _watcher.WaitAsync(options.StackName, null, options.Timeout, progress, ct);
        }

        if (stack is not null && StackWatcher.IsUsable(stack) && (StackNotification.ExistingBucketOf(stack) is null) != (existing is null))
        {
            // CloudFormation would delete the stack's own bucket (or create one) in the update: not something a deploy does on the side.
            throw new InvalidOperationException(
                $"Stack '{options.StackName}' exists {Describe(StackNotification.ExistingBucketOf(stack))}; it cannot switch to {Describe(existing)} by an update: destroy it first or use another stack name.");
        }

        await _buckets.EnsurePrivateBucketAsync(artifacts, _settings.Region.SystemName, ct);
        parameters["CodeBucket"] = artifacts;
        parameters["CodeKey"] = await _buckets.UploadPackageAsync(artifacts, options.PackagePath, ct);

        return await ApplyChangeSetAsync(options.StackName, parameters, stack, options.Timeout, progress, ct);
    }

    /// <summary>
    /// Creates or updates the stack for local workers in an AWS account (<c>Local=true</c>: no function and no event
    /// source mapping, the AppHost's processors take their place) through a change set, reporting stack events as
    /// progress, as Aspire.Hosting.AWS's CloudFormation provisioning does; returns the outputs. Nothing of
    /// <see cref="EmulatorGaps"/> runs: real CloudFormation applies the whole template.
    /// </summary>
    public async Task<StackOutputs> ProvisionInAccountAsync(string stackName, RoutingMode routing, IProgress<StackEventInfo>? progress, CancellationToken ct)
    {
        StackTemplate.ValidateStackName(stackName);
        var timeout = TimeSpan.FromMinutes(30);
        var stack = await _watcher.FindAsync(stackName, ct);
        if (stack is not null && StackWatcher.IsInProgress(stack))
        {
            stack = await _watcher.WaitAsync(stackName, null, timeout, progress, ct);
        }

        return await ApplyChangeSetAsync(stackName, LocalParameters(routing), stack, timeout, progress, ct);
    }

    /// <summary>Creates (or, for an existing <paramref name="stack"/>, updates) the stack through a change set; returns its outputs.</summary>
    private async Task<StackOutputs> ApplyChangeSetAsync(
        string stackName, Dictionary<string, string> parameters, Stack? stack, TimeSpan timeout, IProgress<StackEventInfo>? progress, CancellationToken ct)
    {
        if (stack is not null && StackWatcher.Status(stack) is "ROLLBACK_COMPLETE" or "ROLLBACK_FAILED" or "CREATE_FAILED" or "DELETE_FAILED")
        {
            // A stack whose creation failed cannot be updated: delete it and create it again.
            await DeleteStackAsync(stackName, progress, timeout, ct);
            stack = null;
        }

        var create = stack is null || StackWatcher.Status(stack) == "REVIEW_IN_PROGRESS";
        var since = DateTime.UtcNow;
        var changeSet = $"deploy-{since:yyyyMMdd-HHmmss}";
        await _cloudFormation.CreateChangeSetAsync(new CreateChangeSetRequest
        {
            StackName = stackName,
            ChangeSetName = changeSet,
            ChangeSetType = create ? ChangeSetType.CREATE : ChangeSetType.UPDATE,
            TemplateBody = _templateBody,
            Parameters = ToParameters(parameters),
            Capabilities = [.. Capabilities],
        }, ct);

        var described = await _watcher.WaitForChangeSetAsync(stackName, changeSet, timeout, ct);
        if (described is null)
        {
            // The change set holds no changes: the stack is already what this deploy asks for.
            progress?.Report(new StackEventInfo(DateTimeOffset.UtcNow, stackName, "AWS::CloudFormation::Stack", "NO_CHANGES", "the stack is up to date"));
        }
        else
        {
            await _cloudFormation.ExecuteChangeSetAsync(new ExecuteChangeSetRequest { StackName = stackName, ChangeSetName = changeSet }, ct);
            var done = await _watcher.WaitAsync(stackName, since, timeout, progress, ct);
            StackWatcher.EnsureSucceeded(done, create ? "create" : "update");
        }

        var outputs = StackWatcher.Outputs(await _watcher.FindAsync(stackName, ct)
            ?? throw new InvalidOperationException($"Stack '{stackName}' vanished after its deploy."));
        if (outputs.Count == 0)
        {
            outputs = await OutputsAfterChangeSetOnMotoAsync(stackName, parameters, progress, timeout, ct);
        }

        return StackOutputs.From(stackName, outputs);
    }

    /// <summary>
    /// Empties the buckets the stack owns (the upload bucket, every version, and the artifacts bucket deploy
    /// made), deletes the stack and waits until it is gone, then deletes the artifacts bucket. A stack that
    /// does not exist is not an error. A bucket the stack is attached to but does not own is left as it is,
    /// objects and other consumers' notifications included: only the pipeline's entry is removed (in the cloud
    /// by the custom resource as the stack is deleted, for a local stack by the same code before).
    /// </summary>
    public async Task DestroyAsync(string stackName, IProgress<StackEventInfo>? progress, CancellationToken ct)
    {
        StackTemplate.ValidateStackName(stackName);
        var account = await AccountAsync(ct);
        var stack = await _watcher.FindAsync(stackName, ct);
        if (stack is not null && StackNotification.ExistingBucketOf(stack) is { } attachedTo)
        {
            if (StackNotification.IsLocal(stack) && StackNotification.AttachmentOf(stack) is { } attachment)
            {
                await new BucketNotificationEditor(_s3).DetachAsync(attachment, ct);
            }

            await DeleteStackAsync(stackName, progress, TimeSpan.FromMinutes(30), ct);
            progress?.Report(new StackEventInfo(DateTimeOffset.UtcNow, attachedTo.Name, "AWS::S3::Bucket", "RETAINED",
                "an existing bucket, not the stack's: its objects and settings are untouched, only the pipeline's notification entry was removed"));
            await _buckets.DeleteAsync(ArtifactsBucketName(stackName, account), ct);
            return;
        }

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

    private static string Describe(ExistingBucket? bucket) => bucket switch
    {
        null => "with its own bucket",
        { KeyPrefix: "", KeySuffix: "" } => $"attached to bucket '{bucket.Name}'",
        _ => $"attached to bucket '{bucket.Name}' for keys '{bucket.KeyPrefix}*{bucket.KeySuffix}'",
    };

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
            TemplateBody = _templateBody,
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
