using Amazon.S3;
using Amazon.S3.Model;
using FilePipeline.BucketNotifications;

namespace FilePipeline.Tests.Infra;

/// <summary>The read-modify-write as pure functions of what was read (BucketNotifications/NotificationEdit.cs).</summary>
public sealed class NotificationEditTests
{
    private const string QueueArn = "arn:aws:sqs:us-east-1:123456789012:pipeline";

    [Theory]
    // S3's rule: overlapping events (a wildcard covers its family), overlapping prefixes and overlapping suffixes.
    [InlineData("s3:ObjectCreated:*", "", "", "s3:ObjectCreated:Put", "", "", true)]
    [InlineData("s3:ObjectCreated:*", "uploads/", "", "s3:ObjectCreated:*", "thumbnails/", "", false)]
    [InlineData("s3:ObjectCreated:*", "uploads/", "", "s3:ObjectCreated:*", "uploads/2024/", "", true)]
    [InlineData("s3:ObjectCreated:*", "", "", "s3:ObjectCreated:*", "anything/", ".jpg", true)]
    [InlineData("s3:ObjectCreated:*", "img/", ".png", "s3:ObjectCreated:*", "img/", ".jpg", false)]
    [InlineData("s3:ObjectCreated:*", "img/", ".jpg", "s3:ObjectCreated:*", "img/", "large.jpg", true)]
    [InlineData("s3:ObjectRemoved:*", "", "", "s3:ObjectRestore:Completed", "", "", false)]
    [InlineData("s3:ObjectRemoved:*", "", "", "s3:ObjectRemoved:DeleteMarkerCreated", "x/", "", true)]
    [InlineData("s3:ObjectCreated:Put", "", "", "s3:ObjectCreated:Post", "", "", false)]
    public void Overlap_follows_the_rule_S3_applies(string eventA, string prefixA, string suffixA, string eventB, string prefixB, string suffixB, bool overlaps)
    {
        Assert.Equal(overlaps, NotificationOverlap.Overlaps([eventA], new KeyFilter(prefixA, suffixA), [eventB], new KeyFilter(prefixB, suffixB)));
        Assert.Equal(overlaps, NotificationOverlap.Overlaps([eventB], new KeyFilter(prefixB, suffixB), [eventA], new KeyFilter(prefixA, suffixA)));
    }

    [Fact]
    public void Conflict_names_each_overlapping_entry_and_ignores_the_pipelines_own()
    {
        var current = new GetBucketNotificationResponse
        {
            QueueConfigurations =
            [
                Queue("FilePipeline-fp", QueueArn, "s3:ObjectCreated:*", "uploads/"),
                Queue("thumbnails", "arn:aws:sqs:us-east-1:123456789012:theirs", "s3:ObjectCreated:*", "uploads/thumbs/"),
            ],
            LambdaFunctionConfigurations =
            [
                new LambdaFunctionConfiguration { Id = "scan", FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:scan", Events = [new EventType("s3:ObjectRemoved:Delete")] },
            ],
        };

        var conflicts = NotificationEdit.Conflicts(current, Pipeline("uploads/"));

        Assert.Equal(
            [
                "queue configuration 'thumbnails' (arn:aws:sqs:us-east-1:123456789012:theirs; s3:ObjectCreated:*; keys starting with 'uploads/thumbs/')",
                "Lambda function configuration 'scan' (arn:aws:lambda:us-east-1:123456789012:function:scan; s3:ObjectRemoved:Delete; every key)",
            ],
            conflicts);
        var error = new NotificationConflictException("shared", Pipeline("uploads/"), conflicts);
        Assert.Contains("Bucket 'shared'", error.Message, StringComparison.Ordinal);
        Assert.Contains("queue configuration 'thumbnails'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", error.Message, StringComparison.Ordinal);
        Assert.Empty(NotificationEdit.Conflicts(current, Pipeline("uploads/") with { Route = NotificationRoute.EventBridge, DestinationArn = null }));
    }

    [Fact]
    public void Attach_puts_back_every_other_entry_as_read_and_replaces_only_the_pipelines()
    {
        var theirs = Queue("thumbnails", "arn:aws:sqs:us-east-1:123456789012:theirs", "s3:ObjectCreated:*", "thumbs/");
        var topic = new TopicConfiguration { Id = "audit", Topic = "arn:aws:sns:us-east-1:123456789012:audit", Events = [new EventType("s3:ObjectRemoved:*")] };
        var function = new LambdaFunctionConfiguration { Id = "scan", FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:scan", Events = [new EventType("s3:ObjectRestore:*")] };
        var current = new GetBucketNotificationResponse
        {
            QueueConfigurations = [theirs, Queue("FilePipeline-fp", QueueArn, "s3:ObjectCreated:*", "old/")],
            TopicConfigurations = [topic],
            LambdaFunctionConfigurations = [function],
        };

        var request = NotificationEdit.Attach(current, Pipeline("uploads/"), null);

        Assert.Equal("shared", request.BucketName);
        Assert.Same(theirs, request.QueueConfigurations[0]);
        Assert.Same(topic, Assert.Single(request.TopicConfigurations));
        Assert.Same(function, Assert.Single(request.LambdaFunctionConfigurations));
        var ours = request.QueueConfigurations[1];
        Assert.Equal(2, request.QueueConfigurations.Count);
        Assert.Equal(("FilePipeline-fp", QueueArn), (ours.Id, ours.Queue));
        Assert.Equal(["s3:ObjectCreated:*", "s3:ObjectRemoved:*"], ours.Events.Select(e => e.Value));
        Assert.Equal([("prefix", "uploads/")], ours.Filter.S3KeyFilter.FilterRules.Select(r => ((string)r.Name, r.Value)));
        Assert.Null(request.EventBridgeConfiguration);

        var detached = NotificationEdit.Detach(current, new NotificationAttachment(Pipeline("uploads/"), false));
        Assert.Equal([theirs], detached.QueueConfigurations);
        Assert.Same(topic, Assert.Single(detached.TopicConfigurations));
    }

    [Theory]
    // EventBridge delivery is one switch per bucket: the pipeline turns it off again only if it turned it on.
    [InlineData(false, null, false, true)] // first attach with EventBridge routing: on
    [InlineData(true, "Queue", false, true)] // another consumer's delivery stays on under a queue entry
    [InlineData(true, "EventBridge", false, false)] // EventBridge routing -> Direct, it was off before: off
    [InlineData(true, "EventBridge", true, true)] // EventBridge routing -> Direct, it was on before: stays on
    public void Attach_switches_EventBridge_delivery_only_when_the_pipeline_owns_it(bool onNow, string? previousRoute, bool before, bool onAfter)
    {
        var current = new GetBucketNotificationResponse { EventBridgeConfiguration = onNow ? new EventBridgeConfiguration() : null };
        var wanted = previousRoute is null ? Pipeline("") with { Route = NotificationRoute.EventBridge, DestinationArn = null } : Pipeline("");
        var previous = previousRoute is null ? null : new NotificationAttachment(Pipeline("") with { Route = Enum.Parse<NotificationRoute>(previousRoute) }, before);

        var request = NotificationEdit.Attach(current, wanted, previous);

        Assert.Equal(onAfter, request.EventBridgeConfiguration is not null);
    }

    [Theory]
    [InlineData(NotificationRoute.EventBridge, false, false)]
    [InlineData(NotificationRoute.EventBridge, true, true)]
    [InlineData(NotificationRoute.Queue, false, true)]
    public void Detach_switches_EventBridge_delivery_off_only_when_the_pipeline_switched_it_on(NotificationRoute route, bool before, bool onAfter)
    {
        var current = new GetBucketNotificationResponse { EventBridgeConfiguration = new EventBridgeConfiguration() };
        var attached = new NotificationAttachment(Pipeline("") with { Route = route }, before);

        Assert.Equal(onAfter, NotificationEdit.Detach(current, attached).EventBridgeConfiguration is not null);
        Assert.Equal(!onAfter, NotificationEdit.Holds(current, attached));
    }

    private static PipelineNotification Pipeline(string prefix) => new("shared", "FilePipeline-fp", NotificationRoute.Queue, QueueArn, prefix);

    private static QueueConfiguration Queue(string id, string arn, string eventName, string prefix) => new()
    {
        Id = id,
        Queue = arn,
        Events = [new EventType(eventName)],
        Filter = new Filter { S3KeyFilter = new S3KeyFilter { FilterRules = [new FilterRule("prefix", prefix)] } },
    };
}
