namespace FilePipeline.BucketNotifications;

/// <summary>
/// Another consumer's entry in the bucket's notification configuration overlaps the pipeline's (S3 would refuse the
/// configuration): raised before anything is written, the message names every entry in the way.
/// </summary>
public sealed class NotificationConflictException(string bucket, PipelineNotification wanted, IReadOnlyList<string> conflicts)
    : InvalidOperationException(
        $"Bucket '{bucket}' already has a notification configuration that overlaps the pipeline's ({string.Join(", ", PipelineNotification.Events)} for "
        + $"{new KeyFilter(wanted.KeyPrefix, wanted.KeySuffix)}): {string.Join("; ", conflicts)}. S3 allows one configuration per event and key: give the "
        + "pipeline a KeyPrefix/KeySuffix that does not overlap it, or use Routing=EventBridge (which adds no such entry). Nothing was changed.")
{
    public string Bucket { get; } = bucket;

    /// <summary>The entries in the way, each as <c>queue configuration 'Id' (ARN; events; filter)</c>.</summary>
    public IReadOnlyList<string> Conflicts { get; } = conflicts;
}
