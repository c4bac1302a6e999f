using Microsoft.Extensions.DependencyInjection;

namespace OpenTelemetry;

/// <summary>
/// Stand-in for <c>OpenTelemetry.Extensions.Hosting</c>'s <c>OpenTelemetryBuilder</c> (absent from the NuGet copy).
/// The SDK's own <c>WithTracing</c>, <c>WithMetrics</c>, <c>WithLogging</c> and <c>ConfigureResource</c> extensions
/// work on any <see cref="IOpenTelemetryBuilder"/>; this type only carries the service collection.
/// Delete this folder when the package becomes available: the call sites stay the same.
/// </summary>
public sealed class OpenTelemetryBuilder(IServiceCollection services) : IOpenTelemetryBuilder
{
    public IServiceCollection Services { get; } = services;
}
