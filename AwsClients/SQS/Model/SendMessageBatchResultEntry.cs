namespace Amazon.SQS.Model;

/// <summary>A message SendMessageBatch sent.</summary>
public partial class SendMessageBatchResultEntry
{
    public string? Id { get; set; }

    public string? MessageId { get; set; }

    public string? MD5OfMessageBody { get; set; }

    public string? MD5OfMessageAttributes { get; set; }

    public string? MD5OfMessageSystemAttributes { get; set; }

    public string? SequenceNumber { get; set; }
}
