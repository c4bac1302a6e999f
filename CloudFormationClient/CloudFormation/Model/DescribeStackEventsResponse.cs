using Amazon.Runtime;

namespace Amazon.CloudFormation.Model;

/// <summary>Response of DescribeStackEvents.</summary>
public partial class DescribeStackEventsResponse : AmazonWebServiceResponse
{
    public List<StackEvent>? StackEvents { get; set; }
}
