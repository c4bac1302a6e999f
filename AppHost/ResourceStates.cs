using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FilePipeline.AppHost;

/// <summary>
/// One console line per state change of a resource instance ("stack: Provisioning", "processor-x2k: Running"), so a
/// run without the dashboard (a terminal, a CI log) still shows how far start-up got and what failed.
/// </summary>
public sealed class ResourceStates(ResourceNotificationService notifications, ILogger<ResourceStates> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var last = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken))
            {
                if (update.Resource is ParameterResource || update.Snapshot.IsHidden || update.Snapshot.State?.Text is not { Length: > 0 } state)
                {
                    continue;
                }

                var health = state == KnownResourceStates.Running && update.Snapshot.HealthStatus is { } status ? $" ({status})" : "";
                var line = state + health;
                if (!last.TryGetValue(update.ResourceId, out var previous) || previous != line)
                {
                    last[update.ResourceId] = line;
                    Log.ResourceState(logger, update.ResourceId, line);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app stops.
        }
    }
}
