using Amazon.Runtime;

namespace Amazon.SQS.Model;

/// <summary>Response of ChangeMessageVisibilityBatch.</summary>
public partial class ChangeMessageVisibilityBatchResponse : AmazonWebServiceResponse
{
    public List<ChangeMessageVisibilityBatchResultEntry>? Successful { get; set; }

    public List<BatchResultErrorEntry>? Failed { get; set; }
}
