namespace Amazon.CloudFormation.Model;

/// <summary>Request of ExecuteChangeSet: Executes a change set.</summary>
public partial class ExecuteChangeSetRequest : AmazonCloudFormationRequest
{
    public string? ChangeSetName { get; set; }

    public string? StackName { get; set; }

    public string? ClientRequestToken { get; set; }

    public bool? DisableRollback { get; set; }
}
