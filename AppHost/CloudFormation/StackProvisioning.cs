using System.Collections.Immutable;
using System.Diagnostics;
using Amazon.Runtime;
using FilePipeline.AppHost.Emulator;
using FilePipeline.Provisioning;
using Microsoft.Extensions.Logging;

namespace FilePipeline.AppHost.CloudFormation;

/// <summary>
/// Provisions a <see cref="CloudFormationTemplateResource"/> with Provisioning's <see cref="StackProvisioner"/>
/// (into the emulator, emulator gaps included; or into an AWS account through a change set) and shows it in the
/// dashboard: state Provisioning, then Running or FailedToStart with the failed resource and reason, each
/// CloudFormation event as a console line, the outputs as properties.
/// </summary>
public sealed class StackProvisioning(ResourceNotificationService notifications, ResourceLoggerService loggers, ILogger<StackProvisioning> logger)
{
    /// <summary>Waits for what the stack waits for (the emulator), then provisions it.</summary>
    public async Task FirstProvisionAsync(CloudFormationTemplateResource stack, CancellationToken cancellationToken)
    {
        await notifications.PublishUpdateAsync(stack, s => s with { State = KnownResourceStates.Waiting });
        try
        {
            await notifications.WaitForDependenciesAsync(stack, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            await FailAsync(stack, $"the emulator did not start: {e.Message}", e);
            return;
        }

        await ProvisionAsync(stack, cancellationToken);
    }

    /// <summary>Provisions (again); true when the stack is Running.</summary>
    public async Task<bool> ProvisionAsync(CloudFormationTemplateResource stack, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var console = loggers.GetLogger(stack);
        var clock = Stopwatch.StartNew();
        await notifications.PublishUpdateAsync(stack, s => s with
        {
            State = new ResourceStateSnapshot("Provisioning", KnownResourceStateStyles.Info),
            StartTimeStamp = DateTime.UtcNow,
            StopTimeStamp = null,
            ExitCode = null,
        });
        var events = new StackEventConsole(console);
        try
        {
            var settings = await SettingsAsync(stack, cancellationToken);
            var template = await File.ReadAllTextAsync(stack.TemplatePath, cancellationToken);
            Log.Provisioning(console, stack.StackName, stack.TemplatePath, settings.Endpoint?.ToString() ?? $"AWS {settings.Region.SystemName}", stack.Routing.ToString());
            using var provisioner = new StackProvisioner(settings, template);
            var outputs = stack.Emulator is null
                ? await provisioner.ProvisionInAccountAsync(stack.StackName, stack.Routing, events, cancellationToken)
                : await provisioner.ProvisionLocalAsync(stack.StackName, stack.Routing, null, events, cancellationToken);
            stack.Succeeded(outputs);
            Log.Provisioned(console, stack.StackName, clock.Elapsed.TotalSeconds, outputs.BucketName, outputs.QueueUrl, outputs.TableName);
            await notifications.PublishUpdateAsync(stack, s => s with
            {
                State = KnownResourceStates.Running,
                Properties = WithOutputs(s.Properties, outputs),
            });
            return true;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not OperationCanceledException)
        {
            var reason = events.FirstFailure is { } failed
                ? $"{failed.LogicalResourceId} ({failed.ResourceType}) {failed.ResourceStatus}: {failed.Reason ?? e.Message}"
                : e.Message;
            await FailAsync(stack, reason, e);
            return false;
        }
    }

    private async Task FailAsync(CloudFormationTemplateResource stack, string reason, Exception exception)
    {
        Log.ProvisioningFailed(loggers.GetLogger(stack), stack.StackName, reason);
        Log.StackFailed(logger, stack.StackName, reason);
        stack.Failed(exception);
        await notifications.PublishUpdateAsync(stack, s => s with
        {
            State = KnownResourceStates.FailedToStart,
            StopTimeStamp = DateTime.UtcNow,
            Properties = [.. s.Properties.Where(p => p.Name != "aws.cloudformation.failure"), new ResourcePropertySnapshot("aws.cloudformation.failure", reason)],
        });
    }

    /// <summary>Where provisioning talks to: the emulator (any credentials do) or the SDK's own chain for a real account.</summary>
    private static async Task<AwsSettings> SettingsAsync(CloudFormationTemplateResource stack, CancellationToken cancellationToken)
    {
        if (stack.Emulator is not { } emulator)
        {
            return AwsSettings.FromEnvironment();
        }

        var endpoint = await emulator.Endpoint.GetValueAsync(cancellationToken);
        var hasCredentials = Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") is not null || Environment.GetEnvironmentVariable("AWS_PROFILE") is not null;
        return AwsSettings.Resolve(
            AwsEmulator.Region,
            () => hasCredentials ? Amazon.Runtime.Credentials.DefaultAWSCredentialsIdentityResolver.GetCredentials() : new BasicAWSCredentials("test", "test"),
            endpoint);
    }

    private static ImmutableArray<ResourcePropertySnapshot> WithOutputs(ImmutableArray<ResourcePropertySnapshot> properties, StackOutputs outputs)
    {
        var kept = properties.Where(p => !p.Name.StartsWith("aws.cloudformation.output.", StringComparison.Ordinal) && p.Name != "aws.cloudformation.failure");
        return [.. kept, .. outputs.All.OrderBy(o => o.Key, StringComparer.Ordinal)
            .Select(o => new ResourcePropertySnapshot("aws.cloudformation.output." + o.Key, o.Value))];
    }

    /// <summary>Each stack event as one console line of the stack resource; remembers the first failure.</summary>
    private sealed class StackEventConsole(ILogger console) : IProgress<StackEventInfo>
    {
        public StackEventInfo? FirstFailure { get; private set; }

        public void Report(StackEventInfo value)
        {
            Log.StackEvent(console, value.ToString());
            if (FirstFailure is null && value.ResourceStatus.EndsWith("_FAILED", StringComparison.Ordinal))
            {
                FirstFailure = value;
            }
        }
    }
}
