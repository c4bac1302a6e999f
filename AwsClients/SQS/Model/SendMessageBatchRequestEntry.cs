namespace Amazon.SQS.Model;

/// <summary>One message of a SendMessageBatch request.</summary>
public partial class SendMessageBatchRequestEntry
{
    public SendMessageBatchRequestEntry() { }

    public SendMessageBatchRequestEntry(string id, string messageBody)
    {
        Id = id;
        MessageBody = messageBody;
    }

    public string? Id { get; set; }

    public string? MessageBody { get; set; }

    public int? DelaySeconds { get; set; }

    public Dictionary<string, MessageAttributeValue>? MessageAttributes { get; set; }

    public Dictionary<string, MessageSystemAttributeValue>? MessageSystemAttributes { get; set; }

    public string? MessageDeduplicationId { get; set; }

    public string? MessageGroupId { get; set; }
}
