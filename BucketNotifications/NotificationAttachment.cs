namespace FilePipeline.BucketNotifications;

/// <summary>
/// What a stack attached to a bucket: its entry, and whether the bucket's EventBridge delivery was already on before the
/// stack first attached (then it stays on whatever the stack does; otherwise the stack turns it off again when it no
/// longer routes through EventBridge). The stack keeps this (the custom resource in its physical id, a local stack in a tag).
/// </summary>
public sealed record NotificationAttachment(PipelineNotification Notification, bool EventBridgeEnabledBefore);
