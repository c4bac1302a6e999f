using Amazon.Runtime;

namespace Amazon.SQS.Model;

/// <summary>Response of DeleteMessage.</summary>
public partial class DeleteMessageResponse : AmazonWebServiceResponse
{
}
