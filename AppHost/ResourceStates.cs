using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FilePipeline.AppHost;

/// <summary>
/// One console line per state change of a resource instance ("stack: Provisioning", "processor-x2k: Running"), so a
/// run without the dashboard (a terminal, a CI log) still shows how far start-up got and what failed. It watches from
/// the moment the host starts (<see cref="StartingAsync"/>), before the orchestrator starts any resource: a
/// BackgroundService would only start once the orchestrator's own start had finished, and print every change so far
/// at once.
/// </summary>
public sealed class ResourceStates(ResourceNotificationService notifications, ILogger<ResourceStates> logger) : IHostedLifecycleService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _watching = Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _watching = Task.Run(() => WatchAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _watching.WaitAsync(cancellationToken);
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _stopping.Dispose();

    private async Task WatchAsync(CancellationToken stoppingToken)
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
