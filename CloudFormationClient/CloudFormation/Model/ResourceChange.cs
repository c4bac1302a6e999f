namespace Amazon.CloudFormation.Model;

/// <summary>What a change set does to one resource.</summary>
public partial class ResourceChange
{
    public ChangeAction? Action { get; set; }

    public string? LogicalResourceId { get; set; }

    public string? PhysicalResourceId { get; set; }

    public string? ResourceType { get; set; }

    public Replacement? Replacement { get; set; }
}
