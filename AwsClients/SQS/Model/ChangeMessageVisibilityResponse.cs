using Amazon.Runtime;

namespace Amazon.SQS.Model;

/// <summary>Response of ChangeMessageVisibility.</summary>
public partial class ChangeMessageVisibilityResponse : AmazonWebServiceResponse
{
}
