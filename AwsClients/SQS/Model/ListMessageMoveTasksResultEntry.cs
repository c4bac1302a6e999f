namespace Amazon.SQS.Model;

/// <summary>One message move task.</summary>
public partial class ListMessageMoveTasksResultEntry
{
    public string? TaskHandle { get; set; }

    public string? Status { get; set; }

    public string? SourceArn { get; set; }

    public string? DestinationArn { get; set; }

    public int? MaxNumberOfMessagesPerSecond { get; set; }

    public long? ApproximateNumberOfMessagesMoved { get; set; }

    public long? ApproximateNumberOfMessagesToMove { get; set; }

    public string? FailureReason { get; set; }

    public long? StartedTimestamp { get; set; }
}
