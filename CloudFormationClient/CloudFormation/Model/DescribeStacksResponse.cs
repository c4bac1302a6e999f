using Amazon.Runtime;

namespace Amazon.CloudFormation.Model;

/// <summary>Response of DescribeStacks.</summary>
public partial class DescribeStacksResponse : AmazonWebServiceResponse
{
    public List<Stack>? Stacks { get; set; }
}
