namespace FilePipeline.Viewer;

/// <summary>The stack's outputs, as Aspire passes them: <c>AWS:Resources:*</c> (env <c>AWS__Resources__*</c>).</summary>
public sealed class ResourceOptions
{
    public const string Section = "AWS:Resources";

    public string BucketName { get; set; } = "";

    public string TableName { get; set; } = "";

    public string? QueueUrl { get; set; }

    public string? DeadLetterQueueUrl { get; set; }
}
