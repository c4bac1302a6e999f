using Amazon.Runtime;

namespace Amazon.CloudFormation.Model;

/// <summary>Response of DescribeChangeSet.</summary>
public partial class DescribeChangeSetResponse : AmazonWebServiceResponse
{
    public string? ChangeSetName { get; set; }

    public string? ChangeSetId { get; set; }

    public string? StackId { get; set; }

    public string? StackName { get; set; }

    public string? Description { get; set; }

    public List<Parameter>? Parameters { get; set; }

    public DateTime? CreationTime { get; set; }

    public ExecutionStatus? ExecutionStatus { get; set; }

    public ChangeSetStatus? Status { get; set; }

    public string? StatusReason { get; set; }

    public List<string>? NotificationARNs { get; set; }

    public List<string>? Capabilities { get; set; }

    public List<Tag>? Tags { get; set; }

    public List<Change>? Changes { get; set; }

    public string? NextToken { get; set; }
}
