namespace Amazon.CloudFormation.Model;

/// <summary>Request of DescribeStackEvents: Lists a stack's events, newest first (the first page).</summary>
public partial class DescribeStackEventsRequest : AmazonCloudFormationRequest
{
    public string? StackName { get; set; }
}
