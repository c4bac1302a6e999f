namespace FilePipeline.Processor.Validation;

/// <summary>The policy's answer: accepted, or rejected with the reason the record will carry.</summary>
public sealed record Verdict(bool Accepted, string? Reason)
{
    public static Verdict Accept { get; } = new(true, null);

    public static Verdict Reject(string reason) => new(false, reason);
}
