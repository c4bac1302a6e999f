using Amazon.Runtime;

namespace Amazon.CloudFormation.Model;

/// <summary>Response of CreateStack.</summary>
public partial class CreateStackResponse : AmazonWebServiceResponse
{
    public string? StackId { get; set; }
}
