using Amazon.Runtime;

namespace Amazon.CloudFormation.Model;

/// <summary>Response of DescribeChangeSet.</summary>
public partial class DescribeChangeSetResponse : AmazonWebServiceResponse
{
    public string? ChangeSetName { get; set; }

    public string? StackName { get; set; }

    public ChangeSetStatus? Status { get; set; }

    public string? StatusReason { get; set; }
}
