using Amazon.Runtime;

namespace Amazon.CloudFormation.Model;

/// <summary>Response of ValidateTemplate.</summary>
public partial class ValidateTemplateResponse : AmazonWebServiceResponse
{
    public List<TemplateParameter>? Parameters { get; set; }

    public string? Description { get; set; }

    public List<string>? Capabilities { get; set; }

    public string? CapabilitiesReason { get; set; }

    public List<string>? DeclaredTransforms { get; set; }
}
