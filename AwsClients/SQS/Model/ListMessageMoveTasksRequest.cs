namespace Amazon.SQS.Model;

/// <summary>Request of ListMessageMoveTasks.</summary>
public partial class ListMessageMoveTasksRequest : AmazonSQSRequest
{
    public string? SourceArn { get; set; }

    public int? MaxResults { get; set; }
}
