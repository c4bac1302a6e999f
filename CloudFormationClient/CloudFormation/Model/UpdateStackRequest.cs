namespace Amazon.CloudFormation.Model;

/// <summary>Request of UpdateStack: Updates a stack.</summary>
public partial class UpdateStackRequest : AmazonCloudFormationRequest
{
    public string? StackName { get; set; }

    public string? TemplateBody { get; set; }

    public string? TemplateURL { get; set; }

    public bool? UsePreviousTemplate { get; set; }

    public List<Parameter>? Parameters { get; set; }

    public List<string>? Capabilities { get; set; }

    public List<string>? ResourceTypes { get; set; }

    public string? RoleARN { get; set; }

    public List<string>? NotificationARNs { get; set; }

    public List<Tag>? Tags { get; set; }

    public bool? DisableRollback { get; set; }

    public string? ClientRequestToken { get; set; }
}
