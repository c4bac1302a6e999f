using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace OpenTelemetry;

/// <summary>
/// The SDK builds its providers lazily, as DI singletons: resolving them when the host starts makes them listen
/// from the first request on. When the host stops, everything still buffered is exported (bounded by
/// <see cref="FlushTimeout"/>); disposing the container then shuts the providers down.
/// </summary>
internal sealed class TelemetryHostedService(IServiceProvider services) : IHostedLifecycleService
{
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(5);

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        // Resolved before the other hosted services start, so their first spans and metrics are recorded.
        _ = services.GetService<TracerProvider>();
        _ = services.GetService<MeterProvider>();
        _ = services.GetService<LoggerProvider>();
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        // After the other hosted services stopped: their last spans, metrics and logs are flushed too.
        TelemetryFlush.ForceFlush(services, FlushTimeout);
        return Task.CompletedTask;
    }
}
