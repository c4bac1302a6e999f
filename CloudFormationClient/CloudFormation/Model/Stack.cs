namespace Amazon.CloudFormation.Model;

/// <summary>A stack, as DescribeStacks reports it.</summary>
public partial class Stack
{
    public string? StackId { get; set; }

    public string? StackName { get; set; }

    public List<Parameter>? Parameters { get; set; }

    public DateTime? CreationTime { get; set; }

    public StackStatus? StackStatus { get; set; }

    public string? StackStatusReason { get; set; }

    public List<Output>? Outputs { get; set; }

    public List<Tag>? Tags { get; set; }
}
