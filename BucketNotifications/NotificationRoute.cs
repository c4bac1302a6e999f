namespace FilePipeline.BucketNotifications;

/// <summary>Where the pipeline's entry sends the bucket's events.</summary>
public enum NotificationRoute
{
    /// <summary>A queue configuration: S3 sends to the SQS queue.</summary>
    Queue,

    /// <summary>A topic configuration: S3 publishes to the SNS topic.</summary>
    Topic,

    /// <summary>The bucket's EventBridge delivery (one switch for the whole bucket, no entry of its own).</summary>
    EventBridge,
}
