namespace Amazon.SQS.Model;

/// <summary>Request of DeleteMessageBatch (up to 10 entries).</summary>
public partial class DeleteMessageBatchRequest : AmazonSQSRequest
{
    public DeleteMessageBatchRequest() { }

    public DeleteMessageBatchRequest(string queueUrl, List<DeleteMessageBatchRequestEntry> entries)
    {
        QueueUrl = queueUrl;
        Entries = entries;
    }

    public string? QueueUrl { get; set; }

    public List<DeleteMessageBatchRequestEntry>? Entries { get; set; }
}
