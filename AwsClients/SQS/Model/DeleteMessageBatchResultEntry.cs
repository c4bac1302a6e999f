namespace Amazon.SQS.Model;

/// <summary>An entry DeleteMessageBatch deleted.</summary>
public partial class DeleteMessageBatchResultEntry
{
    public string? Id { get; set; }
}
