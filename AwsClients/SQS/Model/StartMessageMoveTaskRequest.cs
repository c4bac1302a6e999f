namespace Amazon.SQS.Model;

/// <summary>Request of StartMessageMoveTask (redrive from a DLQ).</summary>
public partial class StartMessageMoveTaskRequest : AmazonSQSRequest
{
    public string? SourceArn { get; set; }

    public string? DestinationArn { get; set; }

    public int? MaxNumberOfMessagesPerSecond { get; set; }
}
