using FilePipeline.FileRecords;
using Microsoft.Extensions.Options;

namespace FilePipeline.Viewer.Pipeline;

/// <summary>Reads the pipeline's state: queue figures (from SQS) and records by status and per minute (from the table).</summary>
public sealed class PipelineMonitor(
    RecordQueries records,
    QueueMonitor queues,
    IOptions<ResourceOptions> resources,
    TimeProvider time)
{
    /// <summary>How many minutes the throughput chart covers.</summary>
    public const int ThroughputMinutes = 15;

    public async Task<PipelineStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        var bucket = resources.Value.BucketName;
        var now = time.GetUtcNow();
        var queueTask = queues.GetStatsAsync(cancellationToken);
        var counts = await records.CountByStatusAsync(bucket, cancellationToken);
        var recent = await records.ProcessedSinceAsync(bucket, now.AddMinutes(-ThroughputMinutes), cancellationToken);
        var (stats, error) = await queueTask;
        return new PipelineStatus(
            stats,
            error,
            counts.ToDictionary(pair => FileRecordItem.StatusName(pair.Key), pair => pair.Value),
            ThroughputPoint.PerMinute(recent, now, ThroughputMinutes));
    }
}
