using Amazon.CloudFormation;
using Amazon.CloudFormation.Model;

namespace FilePipeline.CloudFormationClient.Waiters;

/// <summary>
/// Waits for stack operations and change sets to finish, polling Describe* every <see cref="PollInterval"/> until
/// success, failure (<see cref="CloudFormationWaitException"/>), the timeout (<see cref="TimeoutException"/>) or
/// cancellation. The success and failure states follow AWS's waiters of the same names.
/// </summary>
public sealed class StackWaiter(IAmazonCloudFormation cloudFormation, TimeProvider? timeProvider = null)
{
    private static readonly HashSet<string> CreateSuccess = ["CREATE_COMPLETE", "UPDATE_COMPLETE", "IMPORT_COMPLETE"];
    private static readonly HashSet<string> CreateFailure =
        ["CREATE_FAILED", "DELETE_COMPLETE", "DELETE_FAILED", "ROLLBACK_FAILED", "ROLLBACK_COMPLETE", "UPDATE_ROLLBACK_COMPLETE", "UPDATE_ROLLBACK_FAILED", "UPDATE_FAILED"];
    private static readonly HashSet<string> UpdateSuccess = ["UPDATE_COMPLETE"];
    private static readonly HashSet<string> UpdateFailure =
        ["UPDATE_FAILED", "UPDATE_ROLLBACK_FAILED", "UPDATE_ROLLBACK_COMPLETE", "ROLLBACK_COMPLETE", "ROLLBACK_FAILED", "DELETE_COMPLETE", "DELETE_FAILED"];
    private static readonly HashSet<string> DeleteSuccess = ["DELETE_COMPLETE"];
    private static readonly HashSet<string> DeleteFailure =
        ["DELETE_FAILED", "CREATE_FAILED", "ROLLBACK_FAILED", "UPDATE_ROLLBACK_FAILED", "UPDATE_ROLLBACK_IN_PROGRESS"];

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Waits until a created stack is complete (StackCreateComplete).</summary>
    public Task<Stack> WaitForStackCreateCompleteAsync(string stackName, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitForStackAsync(stackName, CreateSuccess, CreateFailure, timeout, cancellationToken);

    /// <summary>Waits until an updated stack (or an executed change set) is complete (StackUpdateComplete).</summary>
    public Task<Stack> WaitForStackUpdateCompleteAsync(string stackName, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitForStackAsync(stackName, UpdateSuccess, UpdateFailure, timeout, cancellationToken);

    /// <summary>Waits until a stack is gone (StackDeleteComplete): DELETE_COMPLETE, or the stack no longer exists.</summary>
    public async Task WaitForStackDeleteCompleteAsync(string stackName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await WaitForStackAsync(stackName, DeleteSuccess, DeleteFailure, timeout, cancellationToken);
        }
        catch (AmazonCloudFormationException e) when (IsMissingStack(e))
        {
            // Gone: that is what was asked for.
        }
    }

    /// <summary>Waits for a stack to reach any state in <paramref name="success"/>; a state in <paramref name="failure"/> throws.</summary>
    public async Task<Stack> WaitForStackAsync(
        string stackName, IReadOnlySet<string> success, IReadOnlySet<string> failure, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + timeout;
        while (true)
        {
            var response = await cloudFormation.DescribeStacksAsync(new DescribeStacksRequest { StackName = stackName }, cancellationToken);
            var stack = response.Stacks?.FirstOrDefault()
                ?? throw new AmazonCloudFormationException($"Stack {stackName} does not exist.");
            var status = stack.StackStatus?.Value ?? "";
            if (success.Contains(status))
            {
                return stack;
            }

            if (failure.Contains(status))
            {
                throw new CloudFormationWaitException($"Stack {stackName}", status, stack.StackStatusReason,
                    await FailedEventsAsync(stack.StackId ?? stackName, cancellationToken));
            }

            await DelayAsync(deadline, $"stack {stackName} ({status})", timeout, cancellationToken);
        }
    }

    /// <summary>Waits until a change set is ready to execute (ChangeSetCreateComplete); FAILED throws (see <see cref="CloudFormationWaitException.IsNoChanges"/>).</summary>
    public async Task<DescribeChangeSetResponse> WaitForChangeSetCreateCompleteAsync(
        string stackName, string changeSetName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + timeout;
        while (true)
        {
            var changeSet = await cloudFormation.DescribeChangeSetAsync(
                new DescribeChangeSetRequest { StackName = stackName, ChangeSetName = changeSetName }, cancellationToken);
            var status = changeSet.Status?.Value ?? "";
            if (status == ChangeSetStatus.CREATE_COMPLETE.Value)
            {
                return changeSet;
            }

            if (status is "FAILED" or "DELETE_COMPLETE" or "DELETE_FAILED")
            {
                throw new CloudFormationWaitException($"Change set {changeSetName} of stack {stackName}", status, changeSet.StatusReason, []);
            }

            await DelayAsync(deadline, $"change set {changeSetName} ({status})", timeout, cancellationToken);
        }
    }

    /// <summary>The error CloudFormation answers for a stack that does not exist.</summary>
    public static bool IsMissingStack(AmazonCloudFormationException e) =>
        e.ErrorCode == "ValidationError" && e.Message.Contains("does not exist", StringComparison.OrdinalIgnoreCase);

    private async Task<IReadOnlyList<StackEvent>> FailedEventsAsync(string stack, CancellationToken cancellationToken)
    {
        try
        {
            var events = await cloudFormation.DescribeStackEventsAsync(new DescribeStackEventsRequest(stack), cancellationToken);
            return [.. (events.StackEvents ?? []).Where(e => e.ResourceStatus?.Value.EndsWith("_FAILED", StringComparison.Ordinal) == true)];
        }
        catch (AmazonCloudFormationException)
        {
            return [];
        }
    }

    private async Task DelayAsync(DateTimeOffset deadline, string what, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var remaining = deadline - _time.GetUtcNow();
        if (remaining <= TimeSpan.Zero)
        {
            throw new TimeoutException($"Waited {timeout} for {what}.");
        }

        await Task.Delay(remaining < PollInterval ? remaining : PollInterval, _time, cancellationToken);
    }
}
