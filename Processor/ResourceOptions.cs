namespace FilePipeline.Processor;

/// <summary>The stack outputs the processor needs (configuration section <c>AWS:Resources</c>).</summary>
public sealed class ResourceOptions
{
    public const string Section = "AWS:Resources";

    /// <summary>
    /// The uploads bucket. When set, the processor handles events for this bucket only: an event for any other
    /// bucket fails unprocessed and ends in the dead-letter queue. When unset, events for every bucket are handled.
    /// </summary>
    public string? BucketName { get; set; }

    public string? QueueUrl { get; set; }

    public string? DeadLetterQueueUrl { get; set; }

    public string? TableName { get; set; }
}
