using Amazon.Runtime;

namespace Amazon.SQS.Model;

/// <summary>Response of CreateQueue.</summary>
public partial class CreateQueueResponse : AmazonWebServiceResponse
{
    public string? QueueUrl { get; set; }
}
