namespace Amazon.SQS.Model;

/// <summary>An entry ChangeMessageVisibilityBatch changed.</summary>
public partial class ChangeMessageVisibilityBatchResultEntry
{
    public string? Id { get; set; }
}
