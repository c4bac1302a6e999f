namespace FilePipeline.Operations;

/// <summary>Objects found under the prefix, events enqueued for them, and sends that failed.</summary>
public sealed record BackfillResult(int Objects, int Enqueued, int Failed);
