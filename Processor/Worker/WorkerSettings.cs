namespace FilePipeline.Processor.Worker;

/// <summary>The worker's validated settings, resolved once from <see cref="ProcessorOptions"/> and the stack outputs.</summary>
public sealed record WorkerSettings(string QueueUrl, int Pollers, int WaitTimeSeconds, int VisibilityTimeoutSeconds, RetryBackoff Backoff)
{
    public string QueueName => QueueUrl.TrimEnd('/')[(QueueUrl.TrimEnd('/').LastIndexOf('/') + 1)..];

    public bool IsFifo => QueueUrl.EndsWith(".fifo", StringComparison.Ordinal);

    public static WorkerSettings From(ProcessorOptions options, ResourceOptions resources) => new(
        resources.QueueUrl ?? throw new InvalidOperationException("AWS:Resources:QueueUrl (env AWS__Resources__QueueUrl) is required."),
        options.Pollers,
        options.WaitTimeSeconds,
        options.VisibilityTimeoutSeconds,
        new RetryBackoff(TimeSpan.FromSeconds(options.RetryBaseSeconds), TimeSpan.FromSeconds(options.RetryMaxSeconds), Random.Shared.NextDouble));
}
