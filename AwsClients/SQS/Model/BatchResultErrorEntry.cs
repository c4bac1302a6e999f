namespace Amazon.SQS.Model;

/// <summary>An entry of a batch request that failed, with the service's code.</summary>
public partial class BatchResultErrorEntry
{
    public string? Id { get; set; }

    public bool? SenderFault { get; set; }

    public string? Code { get; set; }

    public string? Message { get; set; }
}
