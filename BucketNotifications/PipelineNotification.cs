namespace FilePipeline.BucketNotifications;

/// <summary>
/// The pipeline's entry in a bucket's notification configuration: created and removed events of the keys with
/// <paramref name="KeyPrefix"/> and <paramref name="KeySuffix"/> to the queue or topic (<paramref name="DestinationArn"/>),
/// or the bucket's EventBridge delivery. <paramref name="Id"/> tells it from other consumers' entries.
/// </summary>
public sealed record PipelineNotification(string Bucket, string Id, NotificationRoute Route, string? DestinationArn, string KeyPrefix = "", string KeySuffix = "")
{
    /// <summary>The events the pipeline listens to (the template's, for its own bucket too).</summary>
    public static readonly IReadOnlyList<string> Events = ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"];

    /// <summary>The Id of a stack's entry (the template's <c>ConfigurationId</c>: <c>FilePipeline-${AWS::StackName}</c>).</summary>
    public static string IdFor(string stackName) => $"FilePipeline-{stackName}";

    /// <summary>Fails with a message naming what is missing (the destination only when <paramref name="destination"/> is true).</summary>
    public void Validate(bool destination = true)
    {
        if (string.IsNullOrWhiteSpace(Bucket) || string.IsNullOrWhiteSpace(Id))
        {
            throw new ArgumentException("A bucket notification needs the bucket name and the entry's Id.");
        }

        if (destination && Route != NotificationRoute.EventBridge && string.IsNullOrWhiteSpace(DestinationArn))
        {
            throw new ArgumentException($"A {Route} notification for bucket '{Bucket}' needs the destination ARN (the {Route.ToString().ToLowerInvariant()}'s).");
        }
    }
}
