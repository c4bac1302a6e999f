using System.Diagnostics;
using System.Globalization;
using System.Text;
using FilePipeline.AppHost.CloudFormation;
using FilePipeline.AppHost.Emulator;
using FilePipeline.Provisioning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FilePipeline.AppHost;

/// <summary>What the ready summary names: the resources to wait for and where to find them.</summary>
public sealed record ReadyPlan(
    PipelineSettings Settings, AwsEmulator? Emulator, CloudFormationTemplateResource Stack, IResourceWithEndpoints Viewer, Uri? Dashboard,
    IReadOnlyList<string> Resources);

public static class ReadySummaryExtensions
{
    /// <summary>
    /// Once every resource is healthy: one block saying where the dashboard and the viewer are and commands that
    /// work as pasted (no AWS credentials needed); and the file the operator command line finds the pipeline by.
    /// </summary>
    public static void AddReadySummary(
        this IDistributedApplicationBuilder builder, PipelineSettings settings, AwsEmulator? emulator,
        IResourceBuilder<CloudFormationTemplateResource> stack, IResourceBuilder<IResource> processor, IResourceBuilder<IResourceWithEndpoints> viewer)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(processor);
        ArgumentNullException.ThrowIfNull(viewer);
        string[] resources = emulator is null
            ? [stack.Resource.Name, processor.Resource.Name, viewer.Resource.Name]
            : [emulator.Resource.Resource.Name, stack.Resource.Name, processor.Resource.Name, viewer.Resource.Name];
        builder.Services.AddSingleton(new ReadyPlan(settings, emulator, stack.Resource, viewer.Resource, Dashboard.Url(builder.Configuration), resources));
        builder.Services.AddHostedService<ReadySummary>();
        builder.Services.AddSingleton<ResourceStates>();
        builder.Services.AddSingleton<IHostedService>(services => services.GetRequiredService<ResourceStates>());
    }
}

public sealed class ReadySummary(ReadyPlan plan, ResourceNotificationService notifications, ILogger<ReadySummary> logger) : BackgroundService
{
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (plan.Settings.StateFile is { } path)
        {
            LocalPipelineFile.DeleteIfOwn(path);
        }

        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await AllHealthyAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        var outputs = plan.Stack.Outputs;
        var endpoint = plan.Emulator is null ? null : new Uri(await plan.Emulator.Endpoint.GetValueAsync(stoppingToken) ?? "");
        var viewer = new Uri(new EndpointReference(plan.Viewer, "http").Url);
        Log.Ready(logger, Summary(endpoint, viewer, outputs));
        if (plan.Settings.StateFile is { } path)
        {
            try
            {
                var region = endpoint is null ? AwsSettings.FromEnvironment().Region.SystemName : AwsEmulator.Region;
                await LocalPipelineFile.WriteAsync(path, new LocalPipeline(endpoint, region, plan.Stack.StackName, Environment.ProcessId, viewer, plan.Dashboard), stoppingToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Log.StateFileFailed(logger, path, e.Message);
            }
        }
    }

    /// <summary>Waits until every instance (each replica) of every resource of the plan is Running and healthy.</summary>
    private async Task AllHealthyAsync(CancellationToken stoppingToken)
    {
        var instances = new Dictionary<string, (string Resource, bool Healthy)>(StringComparer.Ordinal);
        await foreach (var update in notifications.WatchAsync(stoppingToken))
        {
            if (!plan.Resources.Contains(update.Resource.Name))
            {
                continue;
            }

            instances[update.ResourceId] = (update.Resource.Name,
                update.Snapshot.State?.Text == KnownResourceStates.Running && update.Snapshot.HealthStatus == HealthStatus.Healthy);
            var ready = plan.Resources.All(name =>
            {
                var mine = instances.Values.Where(i => i.Resource == name).ToList();
                return mine.Count > 0 && mine.All(i => i.Healthy);
            });
            if (ready)
            {
                return;
            }
        }
    }

    private string Summary(Uri? endpoint, Uri viewer, StackOutputs? outputs)
    {
        var started = DateTime.Now - Process.GetCurrentProcess().StartTime;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"FilePipeline is ready ({started.TotalSeconds:0.0} s after the AppHost started)\n");
        if (plan.Dashboard is { } dashboard)
        {
            text.Append(CultureInfo.InvariantCulture, $"  dashboard  {dashboard}   (log in with the link above; ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true skips it)\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"  viewer     {viewer}\n");
        text.Append(CultureInfo.InvariantCulture, $"  emulator   {(endpoint is null ? "none: the AWS account of your credentials" : $"{endpoint} (state in memory: gone when it stops)")}\n");
        if (outputs is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"  stack      {outputs.StackName} ({outputs.Routing}): bucket {outputs.BucketName}, table {outputs.TableName}\n");
        }

        text.Append("Try it (from the repository root; no AWS credentials needed):\n");
        text.Append("  dotnet run --project Cli -- upload ./README.md\n");
        text.Append("  dotnet run --project Cli -- status\n");
        if (endpoint is not null && outputs is not null)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"  AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION={AwsEmulator.Region} aws --endpoint-url {endpoint.ToString().TrimEnd('/')} s3 cp ./README.md s3://{outputs.BucketName}/\n");
        }

        text.Append("Ctrl+C stops everything.");
        return text.ToString();
    }
}
