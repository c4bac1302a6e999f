using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FilePipeline.AppHost.Emulator;

/// <summary>
/// Healthy when the endpoint answers HTTP at all: emulators differ in what their root returns (moto an S3 listing,
/// LocalStack its own page), but any answer means the server is up.
/// </summary>
public sealed class EndpointAnswers(Uri url) : IHealthCheck
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await Http.GetAsync(url, cancellationToken);
            return HealthCheckResult.Healthy($"{url} answers ({(int)response.StatusCode})");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"{url} does not answer: {e.Message}");
        }
    }
}
