using Amazon.Runtime;

namespace Amazon.SQS.Model;

/// <summary>Response of DeleteQueue.</summary>
public partial class DeleteQueueResponse : AmazonWebServiceResponse
{
}
