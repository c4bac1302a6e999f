namespace Amazon.SQS.Model;

/// <summary>Request of SendMessage.</summary>
public partial class SendMessageRequest : AmazonSQSRequest
{
    public SendMessageRequest() { }

    public SendMessageRequest(string queueUrl, string messageBody)
    {
        QueueUrl = queueUrl;
        MessageBody = messageBody;
    }

    public string? QueueUrl { get; set; }

    public string? MessageBody { get; set; }

    public int? DelaySeconds { get; set; }

    public Dictionary<string, MessageAttributeValue>? MessageAttributes { get; set; }

    public Dictionary<string, MessageSystemAttributeValue>? MessageSystemAttributes { get; set; }

    public string? MessageDeduplicationId { get; set; }

    public string? MessageGroupId { get; set; }
}
