using Amazon.S3;
using Amazon.S3.Model;

namespace FilePipeline.BucketNotifications;

/// <summary>
/// The read-modify-write of a bucket's notification configuration, as pure functions of what was read: the pipeline's
/// entry (by its Id) is added, replaced or removed, every other entry goes back exactly as it was read (the same
/// objects, in the same order), and EventBridge delivery is switched only when the pipeline switched it on.
/// </summary>
public static class NotificationEdit
{
    /// <summary>Other consumers' entries that overlap <paramref name="wanted"/>, described; empty when it fits.</summary>
    public static IReadOnlyList<string> Conflicts(GetBucketNotificationResponse current, PipelineNotification wanted)
    {
        if (wanted.Route == NotificationRoute.EventBridge)
        {
            return [];
        }

        var filter = new KeyFilter(wanted.KeyPrefix, wanted.KeySuffix);
        return
        [
            .. Entries(current)
                .Where(entry => !string.Equals(entry.Id, wanted.Id, StringComparison.Ordinal))
                .Where(entry => NotificationOverlap.Overlaps(entry.EventNames, entry.KeyFilter, PipelineNotification.Events, filter))
                .Select(entry => entry.ToString()),
        ];
    }

    /// <summary>
    /// The configuration with <paramref name="wanted"/> in place of the pipeline's current entry (<paramref name="previous"/>,
    /// null on the first attach). EventBridge delivery: on for the EventBridge route; off again when the previous route was
    /// EventBridge and delivery was off before the pipeline; otherwise as read.
    /// </summary>
    public static PutBucketNotificationRequest Attach(GetBucketNotificationResponse current, PipelineNotification wanted, NotificationAttachment? previous)
    {
        wanted.Validate();
        string[] ours = previous is null ? [wanted.Id] : [wanted.Id, previous.Notification.Id];
        var request = Without(current, wanted.Bucket, ours);
        var events = PipelineNotification.Events.Select(name => new EventType(name)).ToList();
        var filter = FilterFor(wanted);
        switch (wanted.Route)
        {
            case NotificationRoute.Queue:
                request.QueueConfigurations.Add(new QueueConfiguration { Id = wanted.Id, Queue = wanted.DestinationArn, Events = events, Filter = filter });
                break;
            case NotificationRoute.Topic:
                request.TopicConfigurations.Add(new TopicConfiguration { Id = wanted.Id, Topic = wanted.DestinationArn, Events = events, Filter = filter });
                break;
        }

        request.EventBridgeConfiguration = wanted.Route == NotificationRoute.EventBridge
            ? current.EventBridgeConfiguration ?? new EventBridgeConfiguration()
            : previous is { Notification.Route: NotificationRoute.EventBridge, EventBridgeEnabledBefore: false } ? null : current.EventBridgeConfiguration;
        return request;
    }

    /// <summary>The configuration without the pipeline's entry; EventBridge delivery off only if the pipeline switched it on.</summary>
    public static PutBucketNotificationRequest Detach(GetBucketNotificationResponse current, NotificationAttachment attached)
    {
        var request = Without(current, attached.Notification.Bucket, [attached.Notification.Id]);
        request.EventBridgeConfiguration = attached is { Notification.Route: NotificationRoute.EventBridge, EventBridgeEnabledBefore: false }
            ? null
            : current.EventBridgeConfiguration;
        return request;
    }

    /// <summary>
    /// True when there may be something to remove: the entry, or EventBridge delivery the pipeline switched on (always
    /// written then: an emulator that leaves EventBridgeConfiguration out of what it reads would otherwise keep it on).
    /// </summary>
    public static bool Holds(GetBucketNotificationResponse current, NotificationAttachment attached) =>
        Entries(current).Any(entry => string.Equals(entry.Id, attached.Notification.Id, StringComparison.Ordinal))
        || attached is { Notification.Route: NotificationRoute.EventBridge, EventBridgeEnabledBefore: false };

    private static PutBucketNotificationRequest Without(GetBucketNotificationResponse current, string bucket, string[] ids)
    {
        bool Other(string? id) => !ids.Contains(id, StringComparer.Ordinal);
        return new PutBucketNotificationRequest
        {
            BucketName = bucket,
            QueueConfigurations = [.. (current.QueueConfigurations ?? []).Where(q => Other(q.Id))],
            TopicConfigurations = [.. (current.TopicConfigurations ?? []).Where(t => Other(t.Id))],
            LambdaFunctionConfigurations = [.. (current.LambdaFunctionConfigurations ?? []).Where(l => Other(l.Id))],
        };
    }

    private static Filter? FilterFor(PipelineNotification wanted)
    {
        List<FilterRule> rules = [];
        if (wanted.KeyPrefix.Length > 0)
        {
            rules.Add(new FilterRule { Name = "prefix", Value = wanted.KeyPrefix });
        }

        if (wanted.KeySuffix.Length > 0)
        {
            rules.Add(new FilterRule { Name = "suffix", Value = wanted.KeySuffix });
        }

        return rules.Count == 0 ? null : new Filter { S3KeyFilter = new S3KeyFilter { FilterRules = rules } };
    }

    private static IEnumerable<Entry> Entries(GetBucketNotificationResponse current) =>
        (current.QueueConfigurations ?? []).Select(q => new Entry("queue configuration", q.Id, q.Queue, q))
            .Concat((current.TopicConfigurations ?? []).Select(t => new Entry("topic configuration", t.Id, t.Topic, t)))
            .Concat((current.LambdaFunctionConfigurations ?? []).Select(l => new Entry("Lambda function configuration", l.Id, l.FunctionArn, l)));

    /// <summary>One entry as read: its kind, Id, destination, events and key filter.</summary>
    private sealed record Entry(string Kind, string? Id, string? Arn, NotificationConfiguration Configuration)
    {
        public IEnumerable<string> EventNames => (Configuration.Events ?? []).Select(e => e.Value);

        public KeyFilter KeyFilter
        {
            get
            {
                var rules = Configuration.Filter?.S3KeyFilter?.FilterRules ?? [];
                string Rule(string name) => rules.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))?.Value ?? "";
                return new KeyFilter(Rule("prefix"), Rule("suffix"));
            }
        }

        public override string ToString() => $"{Kind} '{Id}' ({Arn}; {string.Join(", ", EventNames)}; {KeyFilter})";
    }
}
