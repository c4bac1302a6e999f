namespace Amazon.SQS.Model;

/// <summary>One entry of a ChangeMessageVisibilityBatch request.</summary>
public partial class ChangeMessageVisibilityBatchRequestEntry
{
    public ChangeMessageVisibilityBatchRequestEntry() { }

    public ChangeMessageVisibilityBatchRequestEntry(string id, string receiptHandle)
    {
        Id = id;
        ReceiptHandle = receiptHandle;
    }

    public string? Id { get; set; }

    public string? ReceiptHandle { get; set; }

    public int? VisibilityTimeout { get; set; }
}
