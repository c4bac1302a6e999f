using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FilePipeline.AppHost.Supervision;

/// <summary>Marks a resource whose instances are started again when they crash (Aspire does not do it by itself).</summary>
public sealed class RestartOnCrashAnnotation : IResourceAnnotation;

public static class CrashRestartExtensions
{
    /// <summary>
    /// Each instance (replica) of the resource that ends with a non-zero exit code while the app runs, without
    /// having been asked to stop, is started again after a backoff: 1 s, doubling per consecutive crash up to
    /// 30 s, and from 1 s again once an instance has run for a minute. Nothing in flight is lost: a processor's
    /// unfinished messages return to the queue after their visibility timeout.
    /// </summary>
    public static IResourceBuilder<T> WithRestartOnCrash<T>(this IResourceBuilder<T> builder)
        where T : IResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ApplicationBuilder.Services.AddCrashRestarts();
        return builder.WithAnnotation(new RestartOnCrashAnnotation());
    }

    /// <summary>The one <see cref="CrashRestarts"/> of the app, running as a hosted service.</summary>
    public static IServiceCollection AddCrashRestarts(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(CrashRestarts)))
        {
            services.AddSingleton<CrashRestarts>();
            services.AddHostedService(provider => provider.GetRequiredService<CrashRestarts>());
        }

        return services;
    }
}

/// <summary>Watches every instance of the resources marked <see cref="RestartOnCrashAnnotation"/> and restarts the crashed ones.</summary>
public sealed class CrashRestarts(
    DistributedApplicationModel model,
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    ResourceLoggerService loggers,
    IHostApplicationLifetime lifetime,
    ILogger<CrashRestarts> logger) : BackgroundService
{
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    /// <summary>An instance that ran this long before it crashed starts again from the shortest delay.</summary>
    public static readonly TimeSpan Settled = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Instance> _instances = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<IResource, bool> _paused = new();

    /// <summary>The delay before restart number <paramref name="restart"/> of a run of crashes: 1, 2, 4 ... 30 s.</summary>
    public static TimeSpan DelayBefore(int restart) =>
        TimeSpan.FromSeconds(Math.Min(MaxDelay.TotalSeconds, Math.Pow(2, Math.Clamp(restart, 1, 16) - 1)));

    /// <summary>Stops watching <paramref name="resource"/> while it is stopped and started on purpose (the emulator's recovery).</summary>
    public void Pause(IResource resource) => _paused[resource] = true;

    public void Resume(IResource resource) => _paused.TryRemove(resource, out _);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var supervised = model.Resources.Where(r => r.Annotations.OfType<RestartOnCrashAnnotation>().Any()).ToHashSet();
        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken))
            {
                if (supervised.Contains(update.Resource))
                {
                    Observe(update, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app stops.
        }
    }

    private void Observe(ResourceEvent update, CancellationToken stoppingToken)
    {
        var instance = _instances.GetOrAdd(update.ResourceId, _ => new Instance());
        var state = update.Snapshot.State?.Text;
        lock (instance)
        {
            var wasRunning = instance.State == KnownResourceStates.Running;
            instance.State = state;
            if (state == KnownResourceStates.Running && !wasRunning)
            {
                instance.RunningSince = DateTime.UtcNow;
                return;
            }

            var crashed = wasRunning && KnownResourceStates.TerminalStates.Contains(state) && update.Snapshot.ExitCode is not 0;
            if (!crashed || lifetime.ApplicationStopping.IsCancellationRequested || _paused.ContainsKey(update.Resource))
            {
                return;
            }

            instance.Restarts = DateTime.UtcNow - instance.RunningSince >= Settled ? 1 : instance.Restarts + 1;
            var delay = DelayBefore(instance.Restarts);
            var pid = update.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value?.ToString() ?? "?";
            var exitCode = update.Snapshot.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown";
            Log.ReplicaCrashed(logger, update.ResourceId, pid, exitCode, instance.Restarts, delay.TotalSeconds);
            Log.ReplicaCrashed(loggers.GetLogger(update.ResourceId), update.ResourceId, pid, exitCode, instance.Restarts, delay.TotalSeconds);
            _ = RestartAsync(update.Resource, update.ResourceId, delay, stoppingToken);
        }
    }

    private async Task RestartAsync(IResource resource, string resourceId, TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, stoppingToken);
            if (_paused.ContainsKey(resource))
            {
                return;
            }

            var result = await commands.ExecuteCommandAsync(resourceId, KnownResourceCommands.StartCommand, stoppingToken);
            if (!result.Success)
            {
                Log.RestartFailed(logger, resourceId, result.Message ?? "the start command failed");
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app stops: nothing to restart.
        }
    }

    private sealed class Instance
    {
        public string? State { get; set; }

        public DateTime RunningSince { get; set; }

        public int Restarts { get; set; }
    }
}
