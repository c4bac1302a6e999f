using Amazon.CloudFormation.Model;
using FilePipeline.BucketNotifications;
using InvalidOperationException = System.InvalidOperationException;

namespace FilePipeline.Provisioning;

/// <summary>
/// A stack's entry in its bucket's notification configuration, and what a stack attached to an existing bucket
/// keeps about it: the template parameters (<c>ExistingBucketName</c>, <c>Routing</c>, <c>KeyPrefix</c>, <c>KeySuffix</c>)
/// and, for a local stack, the tag recording whether the bucket's EventBridge delivery was on before the stack attached
/// (in the cloud the custom resource keeps that in its physical id).
/// </summary>
public static class StackNotification
{
    /// <summary>Stack tag of a local stack attached to an existing bucket: <c>true</c> or <c>false</c>.</summary>
    public const string EventBridgeBeforeTag = "filepipeline:eventbridge-enabled-before";

    public static NotificationRoute RouteFor(RoutingMode routing) => routing switch
    {
        RoutingMode.Direct => NotificationRoute.Queue,
        RoutingMode.Sns => NotificationRoute.Topic,
        RoutingMode.EventBridge => NotificationRoute.EventBridge,
        _ => throw new ArgumentOutOfRangeException(nameof(routing), routing, "Unknown routing."),
    };

    /// <summary>The stack's entry for its routing: the queue (Direct), the topic (Sns) or EventBridge delivery.</summary>
    public static PipelineNotification For(StackOutputs outputs, string keyPrefix = "", string keySuffix = "")
    {
        var destination = outputs.Routing switch
        {
            RoutingMode.Direct => outputs.QueueArn,
            RoutingMode.Sns => outputs.TopicArn
                ?? throw new InvalidOperationException($"Stack '{outputs.StackName}' routes through SNS but has no TopicArn output."),
            _ => null,
        };
        return new PipelineNotification(outputs.BucketName, PipelineNotification.IdFor(outputs.StackName), RouteFor(outputs.Routing), destination, keyPrefix, keySuffix);
    }

    /// <summary>The entry a stack not yet created would add to <paramref name="bucket"/> (its destination still unknown).</summary>
    public static PipelineNotification Planned(string stackName, RoutingMode routing, ExistingBucket bucket) =>
        new(bucket.Name, PipelineNotification.IdFor(stackName), RouteFor(routing), null, bucket.KeyPrefix, bucket.KeySuffix);

    /// <summary>The existing bucket the stack is attached to, or null when it has its own.</summary>
    public static ExistingBucket? ExistingBucketOf(Stack stack) =>
        Parameter(stack, "ExistingBucketName") is { Length: > 0 } name
            ? new ExistingBucket(name, Parameter(stack, "KeyPrefix") ?? "", Parameter(stack, "KeySuffix") ?? "")
            : null;

    /// <summary>What a local stack attached to an existing bucket added there (from its parameters and tag), or null.</summary>
    public static NotificationAttachment? AttachmentOf(Stack stack)
    {
        if (ExistingBucketOf(stack) is not { } bucket)
        {
            return null;
        }

        var routing = Enum.Parse<RoutingMode>(Parameter(stack, "Routing") ?? nameof(RoutingMode.Direct));
        var before = (stack.Tags ?? []).FirstOrDefault(tag => tag.Key == EventBridgeBeforeTag)?.Value == "true";
        return new NotificationAttachment(Planned(stack.StackName ?? "", routing, bucket), before);
    }

    public static bool IsLocal(Stack stack) => Parameter(stack, "Local") == "true";

    private static string? Parameter(Stack stack, string key) =>
        (stack.Parameters ?? []).FirstOrDefault(parameter => parameter.ParameterKey == key)?.ParameterValue;
}
