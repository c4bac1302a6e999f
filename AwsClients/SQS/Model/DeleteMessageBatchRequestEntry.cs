namespace Amazon.SQS.Model;

/// <summary>One receipt handle of a DeleteMessageBatch request.</summary>
public partial class DeleteMessageBatchRequestEntry
{
    public DeleteMessageBatchRequestEntry() { }

    public DeleteMessageBatchRequestEntry(string id, string receiptHandle)
    {
        Id = id;
        ReceiptHandle = receiptHandle;
    }

    public string? Id { get; set; }

    public string? ReceiptHandle { get; set; }
}
