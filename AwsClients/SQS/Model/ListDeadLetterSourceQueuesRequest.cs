namespace Amazon.SQS.Model;

/// <summary>Request of ListDeadLetterSourceQueues.</summary>
public partial class ListDeadLetterSourceQueuesRequest : AmazonSQSRequest
{
    public string? QueueUrl { get; set; }

    public string? NextToken { get; set; }

    public int? MaxResults { get; set; }
}
