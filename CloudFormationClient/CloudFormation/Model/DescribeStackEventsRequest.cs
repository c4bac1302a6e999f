namespace Amazon.CloudFormation.Model;

/// <summary>Request of DescribeStackEvents: Lists a stack's events, newest first.</summary>
public partial class DescribeStackEventsRequest : AmazonCloudFormationRequest
{
    public DescribeStackEventsRequest() { }

    public DescribeStackEventsRequest(string stackName)
    {
        StackName = stackName;
    }

    public string? StackName { get; set; }

    public string? NextToken { get; set; }
}
