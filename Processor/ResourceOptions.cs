namespace FilePipeline.Processor;

/// <summary>The stack outputs the processor needs (configuration section <c>AWS:Resources</c>).</summary>
public sealed class ResourceOptions
{
    public const string Section = "AWS:Resources";

    public string? BucketName { get; set; }

    public string? QueueUrl { get; set; }

    public string? DeadLetterQueueUrl { get; set; }

    public string? TableName { get; set; }
}
