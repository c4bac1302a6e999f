namespace FilePipeline.Operations;

/// <summary>How <see cref="DeadLetterRedrive"/> moves the messages.</summary>
public sealed record RedriveOptions
{
    /// <summary>
    /// Try SQS's message move task first (default). False: move client-side only, e.g. to stop at
    /// <see cref="MaxMessages"/> (a move task always moves everything).
    /// </summary>
    public bool UseMoveTask { get; init; } = true;

    /// <summary>Most messages a client-side move handles (default: no limit). A move task ignores it.</summary>
    public int? MaxMessages { get; init; }

    /// <summary>
    /// Wait until a move task has finished and report its count (default). False: return as soon as it has
    /// started, with its handle (a web request should not wait for it).
    /// </summary>
    public bool WaitForMoveTask { get; init; } = true;

    /// <summary>How long to wait for a move task before reporting it as still running.</summary>
    public TimeSpan MoveTaskTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How often a running move task is polled (ListMessageMoveTasks).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);
}
