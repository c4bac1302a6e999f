using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace FilePipeline.Telemetry;

/// <summary>
/// Exports whatever the providers still buffer. The host does it when it stops; a Lambda function must also do it
/// after each invocation, before asking for the next one, because the sandbox is frozen in between and the
/// exporters' background threads with it. No served package does this (Amazon.Lambda.* is absent).
/// </summary>
public static class TelemetryFlush
{
    /// <summary>Flushes traces, metrics and logs within <paramref name="timeout"/> in all; false if any did not finish.</summary>
    public static bool ForceFlush(IServiceProvider services, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(services);
        var budget = Stopwatch.StartNew();
        var flushed = services.GetService<TracerProvider>()?.ForceFlush(Remaining(budget, timeout)) ?? true;
        flushed &= services.GetService<MeterProvider>()?.ForceFlush(Remaining(budget, timeout)) ?? true;
        flushed &= services.GetService<LoggerProvider>()?.ForceFlush(Remaining(budget, timeout)) ?? true;
        return flushed;
    }

    private static int Remaining(Stopwatch budget, TimeSpan timeout) =>
        (int)Math.Max(0, (timeout - budget.Elapsed).TotalMilliseconds);
}
