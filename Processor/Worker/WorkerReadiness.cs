using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FilePipeline.Processor.Worker;

/// <summary>Healthy once the worker's pollers run against a queue that answered.</summary>
public sealed class WorkerReadiness : IHealthCheck
{
    private volatile string? _queueUrl;

    public bool IsReady => _queueUrl is not null;

    public void Ready(string queueUrl) => _queueUrl = queueUrl;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_queueUrl is { } url
            ? HealthCheckResult.Healthy($"Polling {url}")
            : HealthCheckResult.Unhealthy("The queue pollers are not running yet."));
}
