using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FilePipeline.Processor.Worker;

/// <summary>
/// Healthy once the worker's pollers run against a queue that answered. A probe that arrives while they start (the
/// web host listens before the worker's first queue call has answered) waits for them up to <see cref="StartWait"/>
/// rather than answering Unhealthy at once, which the health-check service logs as an error in every normal start.
/// </summary>
public sealed class WorkerReadiness : IHealthCheck
{
    /// <summary>Short enough for any prober's timeout; long enough for a normal start's first queue call.</summary>
    public static readonly TimeSpan StartWait = TimeSpan.FromSeconds(5);

    private readonly TaskCompletionSource<string> _queueUrl = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => _queueUrl.Task.IsCompleted;

    public void Ready(string queueUrl) => _queueUrl.TrySetResult(queueUrl);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return HealthCheckResult.Healthy($"Polling {await _queueUrl.Task.WaitAsync(StartWait, cancellationToken)}");
        }
        catch (TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"The queue pollers are not running {StartWait.TotalSeconds:0} s into this probe.");
        }
    }
}
