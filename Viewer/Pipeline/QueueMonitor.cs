using Microsoft.Extensions.Options;

namespace FilePipeline.Viewer.Pipeline;

/// <summary>The pipeline's queue and dead-letter queue, as the viewer reads and redrives them.</summary>
public sealed class QueueMonitor(IOptions<ResourceOptions> resources)
{
    /// <summary>Queue figures, or why there are none.</summary>
    public Task<(QueueStats? Stats, string? Error)> GetStatsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<(QueueStats?, string?)>(string.IsNullOrEmpty(resources.Value.QueueUrl)
            ? (null, "No queue is configured (AWS:Resources:QueueUrl).")
            : (null, "Queue figures need the SQS client (AwsClients), which this build does not have yet."));
    }
}
