namespace Amazon.CloudFormation.Model;

/// <summary>Request of DescribeStacks: Describes a stack by name or id.</summary>
public partial class DescribeStacksRequest : AmazonCloudFormationRequest
{
    public string? StackName { get; set; }
}
