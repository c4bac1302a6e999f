namespace FilePipeline.Operations;

/// <summary>How a redrive went.</summary>
/// <param name="Mode">Which way the messages moved.</param>
/// <param name="TaskHandle">The move task's handle (move task only).</param>
/// <param name="Moved">
/// Messages that left the dead-letter queue for the destination. Client-side: counted one by one (sent and deleted).
/// Move task: SQS's count once the task has finished (<see cref="Status"/> <c>COMPLETED</c>); 0 while it still runs.
/// </param>
/// <param name="Failed">
/// Client-side: messages not moved, either not sent (they stay in the dead-letter queue) or sent but not deleted
/// (they are in both queues; the processor's conditional write makes the second delivery harmless).
/// </param>
/// <param name="FallbackReason">Why the move task was not used, when the endpoint lacks it.</param>
/// <param name="Status">The move task's last status (<c>RUNNING</c>, <c>COMPLETED</c>, <c>FAILED</c>, <c>CANCELLED</c>); null client-side.</param>
public sealed record RedriveResult(RedriveMode Mode, string? TaskHandle, int Moved, int Failed, string? FallbackReason, string? Status = null)
{
    /// <summary>Why the move task failed, when SQS says (move task only).</summary>
    public string? FailureReason { get; init; }

    /// <summary>True when every message the redrive handled reached the destination (a move task: it completed).</summary>
    public bool Succeeded => Mode == RedriveMode.ClientMove ? Failed == 0 : Status is "COMPLETED" or "RUNNING";
}
