using FilePipeline.BucketNotifications;

namespace FilePipeline.Processor.Lambda;

/// <summary>
/// The custom resource's physical id: <c>bucket|entry Id|eventbridge-before=on|off</c>. CloudFormation hands it back on
/// Update and Delete, so it carries what the resource must remember: which bucket and entry are the stack's, and whether
/// the bucket's EventBridge delivery was on before the stack first attached. It changes only with the bucket or the Id,
/// and then CloudFormation deletes the old one (the entry in the old place goes).
/// </summary>
public static class BucketNotificationPhysicalId
{
    private const string On = "eventbridge-before=on";
    private const string Off = "eventbridge-before=off";

    public static string Format(string bucket, string id, bool eventBridgeEnabledBefore) =>
        $"{bucket}|{id}|{(eventBridgeEnabledBefore ? On : Off)}";

    /// <summary>The bucket, entry Id and EventBridge state before; false when the id is not one of these (nothing was attached).</summary>
    public static bool TryParse(string? physicalId, out string bucket, out string id, out bool eventBridgeEnabledBefore)
    {
        var parts = physicalId?.Split('|') ?? [];
        (bucket, id, eventBridgeEnabledBefore) = parts.Length == 3 ? (parts[0], parts[1], parts[2] == On) : ("", "", false);
        return parts.Length == 3 && bucket.Length > 0 && id.Length > 0 && parts[2] is On or Off;
    }

    /// <summary>What the physical id says was attached, with the route the properties name.</summary>
    public static NotificationAttachment? Attachment(string? physicalId, NotificationRoute route) =>
        TryParse(physicalId, out var bucket, out var id, out var before)
            ? new NotificationAttachment(new PipelineNotification(bucket, id, route, null), before)
            : null;
}
