namespace Amazon.SQS.Model;

/// <summary>Request of SendMessageBatch (up to 10 entries).</summary>
public partial class SendMessageBatchRequest : AmazonSQSRequest
{
    public SendMessageBatchRequest() { }

    public SendMessageBatchRequest(string queueUrl, List<SendMessageBatchRequestEntry> entries)
    {
        QueueUrl = queueUrl;
        Entries = entries;
    }

    public string? QueueUrl { get; set; }

    public List<SendMessageBatchRequestEntry>? Entries { get; set; }
}
