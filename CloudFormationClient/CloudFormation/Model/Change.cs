namespace Amazon.CloudFormation.Model;

/// <summary>One change of a change set.</summary>
public partial class Change
{
    public ChangeType? Type { get; set; }

    public ResourceChange? ResourceChange { get; set; }
}
