namespace Amazon.CloudFormation.Model;

/// <summary>Request of DescribeStacks: Describes one stack (by name or id) or all stacks.</summary>
public partial class DescribeStacksRequest : AmazonCloudFormationRequest
{
    public string? StackName { get; set; }

    public string? NextToken { get; set; }
}
