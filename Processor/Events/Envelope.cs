namespace FilePipeline.Processor.Events;

/// <summary>What a queue message turned out to be.</summary>
public enum EnvelopeKind
{
    /// <summary>S3 object events (direct, SNS-wrapped or EventBridge).</summary>
    ObjectEvents,

    /// <summary>S3's <c>s3:TestEvent</c>: acknowledged and dropped.</summary>
    TestEvent,

    /// <summary>Anything else: malformed JSON, another service's event, an unknown shape.</summary>
    NotS3Event,
}

/// <summary>The classification of one message body, with the events it holds or why it holds none.</summary>
public sealed record Envelope(EnvelopeKind Kind, string Source, IReadOnlyList<ObjectEvent> Events, string? Reason)
{
    public static Envelope Objects(string source, IReadOnlyList<ObjectEvent> events) =>
        new(EnvelopeKind.ObjectEvents, source, events, null);

    public static Envelope Test(string source) => new(EnvelopeKind.TestEvent, source, [], null);

    public static Envelope NotS3(string reason) => new(EnvelopeKind.NotS3Event, "unknown", [], reason);
}
