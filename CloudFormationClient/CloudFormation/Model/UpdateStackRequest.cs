namespace Amazon.CloudFormation.Model;

/// <summary>Request of UpdateStack: Updates a stack.</summary>
public partial class UpdateStackRequest : AmazonCloudFormationRequest
{
    public string? StackName { get; set; }

    public string? TemplateBody { get; set; }

    public List<Parameter>? Parameters { get; set; }

    public List<string>? Capabilities { get; set; }
}
