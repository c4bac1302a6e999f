namespace Amazon.SQS.Model;

/// <summary>A received message.</summary>
public partial class Message
{
    public string? MessageId { get; set; }

    public string? ReceiptHandle { get; set; }

    public string? MD5OfBody { get; set; }

    public string? Body { get; set; }

    public Dictionary<string, string>? Attributes { get; set; }

    public string? MD5OfMessageAttributes { get; set; }

    public Dictionary<string, MessageAttributeValue>? MessageAttributes { get; set; }
}
