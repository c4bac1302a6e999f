namespace Amazon.CloudFormation.Model;

/// <summary>Request of CreateStack: Creates a stack.</summary>
public partial class CreateStackRequest : AmazonCloudFormationRequest
{
    public string? StackName { get; set; }

    public string? TemplateBody { get; set; }

    public string? TemplateURL { get; set; }

    public List<Parameter>? Parameters { get; set; }

    public bool? DisableRollback { get; set; }

    public int? TimeoutInMinutes { get; set; }

    public List<string>? NotificationARNs { get; set; }

    public List<string>? Capabilities { get; set; }

    public List<string>? ResourceTypes { get; set; }

    public string? RoleARN { get; set; }

    public OnFailure? OnFailure { get; set; }

    public string? StackPolicyBody { get; set; }

    public List<Tag>? Tags { get; set; }

    public string? ClientRequestToken { get; set; }

    public bool? EnableTerminationProtection { get; set; }
}
