using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Stand-in for <c>OpenTelemetry.Extensions.Hosting</c>'s <c>services.AddOpenTelemetry()</c>: returns a builder for
/// the SDK's DI-aware <c>WithTracing</c>/<c>WithMetrics</c>/<c>WithLogging</c>, and adds the hosted service that
/// starts the providers with the host and flushes them when it stops.
/// </summary>
public static class OpenTelemetryServicesExtensions
{
    public static OpenTelemetryBuilder AddOpenTelemetry(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, TelemetryHostedService>());
        return new OpenTelemetryBuilder(services);
    }
}
