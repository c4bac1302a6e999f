using Amazon.CloudFormation;
using Amazon.CloudFormation.Model;
using InvalidOperationException = System.InvalidOperationException;

namespace FilePipeline.Provisioning;

/// <summary>Reads a stack's state and waits for it to settle, reporting new stack events as progress.</summary>
internal sealed class StackWatcher(IAmazonCloudFormation cloudFormation)
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long to wait after poll number <paramref name="poll"/> (0 first): 250 ms, doubling to 2 s. An emulator
    /// settles a stack in well under a second, AWS in a minute or more: neither waits long, and AWS is asked little.
    /// </summary>
    private static TimeSpan PollDelay(int poll) => TimeSpan.FromTicks(Math.Min(LongestPoll.Ticks, FirstPoll.Ticks << Math.Min(poll, 3)));

    public static string Status(Stack stack) => stack.StackStatus?.ToString() ?? "";

    public static bool IsInProgress(Stack stack) => Status(stack).EndsWith("_IN_PROGRESS", StringComparison.Ordinal) && Status(stack) != "REVIEW_IN_PROGRESS";

    /// <summary>A stack that exists and can be used or updated (created, updated, or rolled back after a failed update).</summary>
    public static bool IsUsable(Stack stack) => Status(stack) is "CREATE_COMPLETE" or "UPDATE_COMPLETE" or "UPDATE_ROLLBACK_COMPLETE" or "IMPORT_COMPLETE";

    public static Dictionary<string, string> Outputs(Stack? stack) =>
        (stack?.Outputs ?? []).Where(o => o.OutputKey is not null)
            .ToDictionary(o => o.OutputKey!, o => o.OutputValue ?? "", StringComparer.Ordinal);

    public static void EnsureSucceeded(Stack? stack, string operation)
    {
        if (stack is null)
        {
            throw new InvalidOperationException($"The stack vanished during its {operation}.");
        }

        var expected = operation == "create" ? "CREATE_COMPLETE" : "UPDATE_COMPLETE";
        if (Status(stack) != expected)
        {
            throw new StackOperationException(stack.StackName ?? "", operation, Status(stack), stack.StackStatusReason);
        }
    }

    /// <summary>The stack of that name, or null when there is none (or it was deleted).</summary>
    public async Task<Stack?> FindAsync(string stackName, CancellationToken ct)
    {
        try
        {
            var response = await cloudFormation.DescribeStacksAsync(new DescribeStacksRequest { StackName = stackName }, ct);
            var stack = response.Stacks?.FirstOrDefault();
            return stack is null || Status(stack) == "DELETE_COMPLETE" ? null : stack;
        }
        catch (AmazonCloudFormationException e) when (e.ErrorCode == "ValidationError" && e.Message.Contains("does not exist", StringComparison.Ordinal))
        {
            return null;
        }
    }

    /// <summary>
    /// Polls until the stack is no longer in progress (or gone: null), reporting the events newer than
    /// <paramref name="since"/> once each, oldest first. Fails after <paramref name="timeout"/>.
    /// </summary>
    public async Task<Stack?> WaitAsync(string stackName, DateTime? since, TimeSpan timeout, IProgress<StackEventInfo>? progress, CancellationToken ct)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var deadline = DateTime.UtcNow + timeout;
        for (var poll = 0; ; poll++)
        {
            var stack = await FindAsync(stackName, ct);
            if (progress is not null && since is not null && stack is not null)
            {
                await ReportEventsAsync(stack.StackId ?? stackName, since.Value, seen, progress, ct);
            }

            if (stack is null || !IsInProgress(stack))
            {
                return stack;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Stack '{stackName}' is still {Status(stack)} after {timeout}.");
            }

            await Task.Delay(PollDelay(poll), ct);
        }
    }

    /// <summary>
    /// Waits for a change set to be ready. Returns null when it holds no changes, fails when it could not be made.
    /// </summary>
    public async Task<DescribeChangeSetResponse?> WaitForChangeSetAsync(string stackName, string changeSetName, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        for (var poll = 0; ; poll++)
        {
            var described = await cloudFormation.DescribeChangeSetAsync(
                new DescribeChangeSetRequest { StackName = stackName, ChangeSetName = changeSetName }, ct);
            var status = described.Status?.ToString() ?? "";
            if (status == "CREATE_COMPLETE")
            {
                return described;
            }

            if (status == "FAILED")
            {
                var reason = described.StatusReason ?? "";
                if (reason.Contains("didn't contain changes", StringComparison.OrdinalIgnoreCase)
                    || reason.Contains("No updates are to be performed", StringComparison.OrdinalIgnoreCase))
                {
                    return null;
                }

                throw new StackOperationException(stackName, $"change set {changeSetName}", status, reason);
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Change set '{changeSetName}' of stack '{stackName}' is still {status} after {timeout}.");
            }

            await Task.Delay(PollDelay(poll), ct);
        }
    }

    private async Task ReportEventsAsync(string stack, DateTime since, HashSet<string> seen, IProgress<StackEventInfo> progress, CancellationToken ct)
    {
        var response = await cloudFormation.DescribeStackEventsAsync(new DescribeStackEventsRequest { StackName = stack }, ct);
        var fresh = (response.StackEvents ?? [])
            .Where(e => e.Timestamp is { } t && t.ToUniversalTime() >= since.AddSeconds(-1) && e.EventId is not null && seen.Add(e.EventId))
            .OrderBy(e => e.Timestamp);
        foreach (var e in fresh)
        {
            progress.Report(new StackEventInfo(
                new DateTimeOffset(e.Timestamp!.Value.ToUniversalTime(), TimeSpan.Zero),
                e.LogicalResourceId ?? "",
                e.ResourceType ?? "",
                e.ResourceStatus?.ToString() ?? "",
                e.ResourceStatusReason));
        }
    }
}
