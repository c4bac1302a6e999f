using Amazon.Runtime;

namespace Amazon.CloudFormation.Model;

/// <summary>Response of UpdateStack.</summary>
public partial class UpdateStackResponse : AmazonWebServiceResponse
{
    public string? StackId { get; set; }
}
