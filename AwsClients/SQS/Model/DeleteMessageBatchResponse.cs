using Amazon.Runtime;

namespace Amazon.SQS.Model;

/// <summary>Response of DeleteMessageBatch.</summary>
public partial class DeleteMessageBatchResponse : AmazonWebServiceResponse
{
    public List<DeleteMessageBatchResultEntry>? Successful { get; set; }

    public List<BatchResultErrorEntry>? Failed { get; set; }
}
