using Amazon.Runtime;

namespace Amazon.CloudFormation.Model;

/// <summary>Response of DeleteStack.</summary>
public partial class DeleteStackResponse : AmazonWebServiceResponse
{
}
