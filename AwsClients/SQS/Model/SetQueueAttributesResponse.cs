using Amazon.Runtime;

namespace Amazon.SQS.Model;

/// <summary>Response of SetQueueAttributes.</summary>
public partial class SetQueueAttributesResponse : AmazonWebServiceResponse
{
}
