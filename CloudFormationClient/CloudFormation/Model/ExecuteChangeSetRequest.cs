namespace Amazon.CloudFormation.Model;

/// <summary>Request of ExecuteChangeSet: Runs a change set.</summary>
public partial class ExecuteChangeSetRequest : AmazonCloudFormationRequest
{
    public string? ChangeSetName { get; set; }

    public string? StackName { get; set; }
}
