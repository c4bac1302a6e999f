using Amazon.Runtime;

namespace Amazon.CloudFormation.Model;

/// <summary>Response of ExecuteChangeSet.</summary>
public partial class ExecuteChangeSetResponse : AmazonWebServiceResponse
{
}
