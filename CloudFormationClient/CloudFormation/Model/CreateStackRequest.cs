namespace Amazon.CloudFormation.Model;

/// <summary>Request of CreateStack: Creates a stack.</summary>
public partial class CreateStackRequest : AmazonCloudFormationRequest
{
    public string? StackName { get; set; }

    public string? TemplateBody { get; set; }

    public List<Parameter>? Parameters { get; set; }

    public List<string>? Capabilities { get; set; }

    public List<Tag>? Tags { get; set; }
}
