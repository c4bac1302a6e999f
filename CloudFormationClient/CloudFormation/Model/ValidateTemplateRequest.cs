namespace Amazon.CloudFormation.Model;

/// <summary>Request of ValidateTemplate: Validates a template.</summary>
public partial class ValidateTemplateRequest : AmazonCloudFormationRequest
{
    public string? TemplateBody { get; set; }

    public string? TemplateURL { get; set; }
}
