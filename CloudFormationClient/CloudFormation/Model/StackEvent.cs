namespace Amazon.CloudFormation.Model;

/// <summary>A stack event.</summary>
public partial class StackEvent
{
    public string? StackId { get; set; }

    public string? EventId { get; set; }

    public string? StackName { get; set; }

    public string? LogicalResourceId { get; set; }

    public string? PhysicalResourceId { get; set; }

    public string? ResourceType { get; set; }

    public DateTime? Timestamp { get; set; }

    public ResourceStatus? ResourceStatus { get; set; }

    public string? ResourceStatusReason { get; set; }
}
