namespace FilePipeline.AppHost.Operations;

/// <summary>How many dead-lettered messages went back to the source queue, and how many could not.</summary>
public sealed record RedriveResult(int Moved, int Failed);
