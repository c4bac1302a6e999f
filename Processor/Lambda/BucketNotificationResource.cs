using System.Text.Json;
using Amazon.S3;
using FilePipeline.BucketNotifications;
using Microsoft.Extensions.Logging;

namespace FilePipeline.Processor.Lambda;

/// <summary>
/// The <c>Custom::BucketNotification</c> resource: adds (Create), replaces (Update) and removes (Delete) the pipeline's
/// entry in an existing bucket's notification configuration with <see cref="BucketNotificationEditor"/>, and always
/// answers CloudFormation's response URL: SUCCESS, or FAILED with the reason (an overlapping entry, a missing bucket,
/// refused access, or the invocation's deadline coming), so a stack never waits for an answer that will not come. The
/// work stops <see cref="ResponseReserve"/> (at most half the time left) before the deadline to leave time for the answer.
/// </summary>
public sealed class BucketNotificationResource(IAmazonS3 s3, CustomResourceResponder responder, TimeProvider time, ILogger<BucketNotificationResource> logger)
    : IInvocationHandler
{
    public static readonly TimeSpan ResponseReserve = TimeSpan.FromSeconds(5);

    public async Task<byte[]> InvokeAsync(LambdaInvocation invocation, CancellationToken cancellationToken)
    {
        // Without a response URL there is no one to answer: that is an invocation error (the runtime reports it).
        var request = JsonSerializer.Deserialize(invocation.Payload, LambdaJsonContext.Default.CustomResourceRequest)
            ?? throw new JsonException("The invocation payload is JSON null, not a CloudFormation custom-resource request.");
        if (string.IsNullOrEmpty(request.ResponseUrl))
        {
            throw new JsonException("The custom-resource request has no ResponseURL: there is nowhere to answer.");
        }

        var left = invocation.Deadline == DateTimeOffset.MaxValue ? TimeSpan.FromMinutes(15) : invocation.Deadline - time.GetUtcNow();
        var reserve = left / 2 < ResponseReserve ? left / 2 : ResponseReserve;
        using var work = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        work.CancelAfter(left - reserve > TimeSpan.Zero ? left - reserve : TimeSpan.Zero);

        CustomResourceResponse response;
        try
        {
            response = await HandleAsync(request, work.Token);
            Log.CustomResourceDone(logger, request.RequestType, request.LogicalResourceId, response.PhysicalResourceId);
        }
        catch (Exception exception)
        {
            var reason = exception is OperationCanceledException && work.IsCancellationRequested
                ? $"{request.RequestType} did not finish in time: stopped {reserve.TotalSeconds:0.#} s before the function's deadline to answer. Nothing more was changed after that; try the stack operation again."
                : exception.Message;
            Log.CustomResourceFailed(logger, exception, request.RequestType, request.LogicalResourceId, reason);
            response = CustomResourceResponse.For(request, CustomResourceResponse.Failed, FailedPhysicalId(request), reason);
        }

        // Not the work's token: the answer must go out even (above all) when the work ran out of time, until the deadline.
        var untilDeadline = invocation.Deadline == DateTimeOffset.MaxValue ? TimeSpan.FromSeconds(30) : invocation.Deadline - time.GetUtcNow();
        using var answering = new CancellationTokenSource(untilDeadline > TimeSpan.Zero ? untilDeadline : TimeSpan.Zero);
        await responder.SendAsync(request.ResponseUrl, response, answering.Token);
        return JsonSerializer.SerializeToUtf8Bytes(response, LambdaJsonContext.Default.CustomResourceResponse);
    }

    private async Task<CustomResourceResponse> HandleAsync(CustomResourceRequest request, CancellationToken cancellationToken)
    {
        var editor = new BucketNotificationEditor(s3, request.Account);
        switch (request.RequestType)
        {
            case "Create":
            {
                var attached = await editor.AttachAsync(Wanted(request.ResourceProperties), null, cancellationToken);
                return Succeeded(request, attached);
            }

            case "Update":
            {
                var wanted = Wanted(request.ResourceProperties);
                var previous = BucketNotificationPhysicalId.Attachment(request.PhysicalResourceId, RouteOrQueue(request.OldResourceProperties?.Routing));
                // Another bucket: attach there as new; the changed physical id makes CloudFormation delete the old entry.
                var attached = await editor.AttachAsync(wanted, previous?.Notification.Bucket == wanted.Bucket ? previous : null, cancellationToken);
                return Succeeded(request, attached);
            }

            case "Delete":
            {
                // A physical id that is not ours (a Create that failed before it attached) leaves nothing to remove.
                if (BucketNotificationPhysicalId.Attachment(request.PhysicalResourceId, RouteOrQueue(request.ResourceProperties?.Routing)) is { } attached)
                {
                    await editor.DetachAsync(attached, cancellationToken);
                }

                return CustomResourceResponse.For(request, CustomResourceResponse.Success, request.PhysicalResourceId ?? request.LogicalResourceId);
            }

            default:
                throw new InvalidOperationException($"Unknown RequestType '{request.RequestType}' (expected Create, Update or Delete).");
        }
    }

    private static CustomResourceResponse Succeeded(CustomResourceRequest request, NotificationAttachment attached) =>
        CustomResourceResponse.For(request, CustomResourceResponse.Success, BucketNotificationPhysicalId.Format(
            attached.Notification.Bucket, attached.Notification.Id, attached.EventBridgeEnabledBefore));

    /// <summary>
    /// A failed Update keeps its physical id (CloudFormation rolls back with the old properties); a failed Create answers
    /// with the entry it may have got to write, recorded as if EventBridge delivery had been on, so the rollback's Delete
    /// removes the entry if it is there and never switches EventBridge delivery off.
    /// </summary>
    private static string FailedPhysicalId(CustomResourceRequest request) =>
        request.RequestType != "Create" && request.PhysicalResourceId is { Length: > 0 } existing ? existing
        : request.ResourceProperties is { BucketName: { Length: > 0 } bucket, ConfigurationId: { Length: > 0 } id } ? BucketNotificationPhysicalId.Format(bucket, id, eventBridgeEnabledBefore: true)
        : $"not-attached|{request.RequestId}";

    private static PipelineNotification Wanted(BucketNotificationProperties? properties)
    {
        if (properties is not { BucketName: { Length: > 0 } bucket, ConfigurationId: { Length: > 0 } id })
        {
            throw new ArgumentException("The resource needs the properties BucketName and ConfigurationId.");
        }

        var route = Route(properties.Routing);
        var wanted = new PipelineNotification(
            bucket, id, route, route == NotificationRoute.EventBridge ? null : properties.DestinationArn, properties.KeyPrefix ?? "", properties.KeySuffix ?? "");
        wanted.Validate();
        return wanted;
    }

    /// <summary>The template's Routing parameter as the entry's route.</summary>
    private static NotificationRoute Route(string? routing) => routing switch
    {
        "Direct" => NotificationRoute.Queue,
        "Sns" => NotificationRoute.Topic,
        "EventBridge" => NotificationRoute.EventBridge,
        _ => throw new ArgumentException($"Routing '{routing}' is not Direct, Sns or EventBridge."),
    };

    /// <summary>The route of what was attached; an unreadable one counts as not EventBridge, so delivery is never switched off on a guess.</summary>
    private static NotificationRoute RouteOrQueue(string? routing) => routing == "EventBridge" ? NotificationRoute.EventBridge : NotificationRoute.Queue;
}
