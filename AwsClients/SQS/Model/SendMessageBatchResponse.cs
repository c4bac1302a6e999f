using Amazon.Runtime;

namespace Amazon.SQS.Model;

/// <summary>Response of SendMessageBatch: the entries sent and the entries that failed.</summary>
public partial class SendMessageBatchResponse : AmazonWebServiceResponse
{
    public List<SendMessageBatchResultEntry>? Successful { get; set; }

    public List<BatchResultErrorEntry>? Failed { get; set; }
}
