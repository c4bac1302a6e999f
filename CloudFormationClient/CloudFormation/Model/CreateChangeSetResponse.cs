using Amazon.Runtime;

namespace Amazon.CloudFormation.Model;

/// <summary>Response of CreateChangeSet.</summary>
public partial class CreateChangeSetResponse : AmazonWebServiceResponse
{
    public string? Id { get; set; }

    public string? StackId { get; set; }
}
