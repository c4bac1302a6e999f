using Amazon.Runtime;

namespace Amazon.SQS.Model;

/// <summary>Response of PurgeQueue.</summary>
public partial class PurgeQueueResponse : AmazonWebServiceResponse
{
}
