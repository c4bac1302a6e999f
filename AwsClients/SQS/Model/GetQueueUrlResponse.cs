using Amazon.Runtime;

namespace Amazon.SQS.Model;

/// <summary>Response of GetQueueUrl.</summary>
public partial class GetQueueUrlResponse : AmazonWebServiceResponse
{
    public string? QueueUrl { get; set; }
}
