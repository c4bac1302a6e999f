using Amazon.CloudFormation.Model;

namespace FilePipeline.CloudFormationClient.Waiters;

/// <summary>
/// A stack or change set reached a state the waiter treats as failure. <see cref="FailedEvents"/> holds the
/// stack's failed resource events (newest first) so the cause is in the message, not only in the console.
/// </summary>
public sealed class CloudFormationWaitException(string target, string status, string? reason, IReadOnlyList<StackEvent> failedEvents)
    : Exception(Describe(target, status, reason, failedEvents))
{
    public string Target { get; } = target;

    public string Status { get; } = status;

    public string? Reason { get; } = reason;

    public IReadOnlyList<StackEvent> FailedEvents { get; } = failedEvents;

    /// <summary>A change set that failed only because the template and parameters change nothing.</summary>
    public bool IsNoChanges =>
        Reason is not null && (Reason.Contains("didn't contain changes", StringComparison.OrdinalIgnoreCase)
            || Reason.Contains("No updates are to be performed", StringComparison.OrdinalIgnoreCase));

    private static string Describe(string target, string status, string? reason, IReadOnlyList<StackEvent> events)
    {
        var text = $"{target} is {status}" + (string.IsNullOrEmpty(reason) ? "." : $": {reason}");
        foreach (var e in events.Take(5))
        {
            text += $"\n  {e.LogicalResourceId} ({e.ResourceType}) {e.ResourceStatus?.Value}: {e.ResourceStatusReason}";
        }

        return text;
    }
}
