namespace Amazon.SQS.Model;

/// <summary>Request of ChangeMessageVisibilityBatch (up to 10 entries).</summary>
public partial class ChangeMessageVisibilityBatchRequest : AmazonSQSRequest
{
    public ChangeMessageVisibilityBatchRequest() { }

    public ChangeMessageVisibilityBatchRequest(string queueUrl, List<ChangeMessageVisibilityBatchRequestEntry> entries)
    {
        QueueUrl = queueUrl;
        Entries = entries;
    }

    public string? QueueUrl { get; set; }

    public List<ChangeMessageVisibilityBatchRequestEntry>? Entries { get; set; }
}
