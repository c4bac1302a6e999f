namespace Amazon.CloudFormation.Model;

/// <summary>Request of CreateChangeSet: Creates a change set.</summary>
public partial class CreateChangeSetRequest : AmazonCloudFormationRequest
{
    public string? StackName { get; set; }

    public string? ChangeSetName { get; set; }

    public ChangeSetType? ChangeSetType { get; set; }

    public string? TemplateBody { get; set; }

    public List<Parameter>? Parameters { get; set; }

    public List<string>? Capabilities { get; set; }
}
