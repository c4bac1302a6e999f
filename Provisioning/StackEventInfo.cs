namespace FilePipeline.Provisioning;

/// <summary>One stack event, as progress for a deploy or destroy.</summary>
public sealed record StackEventInfo(
    DateTimeOffset Timestamp,
    string LogicalResourceId,
    string ResourceType,
    string ResourceStatus,
    string? Reason)
{
    public override string ToString() =>
        $"{Timestamp:HH:mm:ss} {ResourceStatus,-22} {ResourceType,-32} {LogicalResourceId}{(string.IsNullOrEmpty(Reason) ? "" : $" ({Reason})")}";
}
