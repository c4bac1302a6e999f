namespace FilePipeline.Processor.Lambda;

/// <summary>
/// What a function running this bootstrap does, chosen by its <c>Handler</c> setting (Lambda passes it as
/// <c>_HANDLER</c>): the processor's SQS batches, or the custom resource that attaches the pipeline to an existing
/// bucket (infra/filepipeline.yaml, <c>BucketNotificationFunction</c>). One package serves both.
/// </summary>
public enum LambdaHandler
{
    /// <summary><c>bootstrap</c> (or unset): SQS batches through the processor.</summary>
    SqsBatch,

    /// <summary><c>bucket-notification</c>: CloudFormation custom-resource requests (<see cref="BucketNotificationResource"/>).</summary>
    BucketNotification,
}

public static class LambdaHandlers
{
    public const string SqsBatchName = "bootstrap";

    public const string BucketNotificationName = "bucket-notification";

    /// <summary>The handler named by <c>_HANDLER</c>; an unknown name is an init error that says which names there are.</summary>
    public static LambdaHandler Parse(string? name) => name switch
    {
        null or "" or SqsBatchName => LambdaHandler.SqsBatch,
        BucketNotificationName => LambdaHandler.BucketNotification,
        _ => throw new ArgumentException(
            $"Unknown handler '{name}' (the function's Handler setting, _HANDLER): this bootstrap serves '{SqsBatchName}' (SQS batches) and '{BucketNotificationName}' (the bucket-notification custom resource)."),
    };
}
