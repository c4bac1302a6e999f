namespace Amazon.CloudFormation.Model;

/// <summary>Request of DescribeChangeSet: Describes a change set.</summary>
public partial class DescribeChangeSetRequest : AmazonCloudFormationRequest
{
    public string? ChangeSetName { get; set; }

    public string? StackName { get; set; }

    public string? NextToken { get; set; }
}
