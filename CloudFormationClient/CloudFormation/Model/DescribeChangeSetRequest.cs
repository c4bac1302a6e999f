namespace Amazon.CloudFormation.Model;

/// <summary>Request of DescribeChangeSet: A change set's status.</summary>
public partial class DescribeChangeSetRequest : AmazonCloudFormationRequest
{
    public string? ChangeSetName { get; set; }

    public string? StackName { get; set; }
}
