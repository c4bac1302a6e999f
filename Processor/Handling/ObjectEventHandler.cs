using Amazon.S3;
using FilePipeline.FileRecords;
using FilePipeline.Processor.Documents;
using FilePipeline.Processor.Events;
using FilePipeline.Processor.Telemetry;
using FilePipeline.Processor.Validation;
using Microsoft.Extensions.Logging;

namespace FilePipeline.Processor.Handling;

/// <summary>
/// The record handler: classifies a message, and for each S3 object event in it syncs the object's one record
/// with what S3 holds now (<see cref="ObjectSync"/>: GetItem, HeadObject, and only for a version the record does
/// not describe yet one streaming GetObject pass and one conditional PutItem).
/// With <c>ownBucket</c> (<c>AWS:Resources:BucketName</c>) set, a message with an event for any other bucket is
/// not touched: it fails as unrecognized, so the redrive policy moves it to the dead-letter queue. Null or empty
/// accepts events for every bucket. <c>documentLimits</c> bound the parse of documents and images (default
/// <see cref="DocumentLimits.Default"/>).
/// </summary>
public sealed class ObjectEventHandler : IMessageHandler
{
    private readonly ObjectSync _sync;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly string? _ownBucket;

    public ObjectEventHandler(
        IAmazonS3 s3, RecordStore store, ValidationPolicy policy, ILogger<ObjectEventHandler> logger, TimeProvider time, string? ownBucket = null,
        DocumentLimits? documentLimits = null)
    {
        _sync = new ObjectSync(s3, store, policy, documentLimits ?? DocumentLimits.Default, logger, time);
        _logger = logger;
        _time = time;
        _ownBucket = ownBucket;
    }

    public async Task HandleAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        var receivedAt = _time.GetUtcNow();
        var envelope = EnvelopeParser.Parse(message.Body);
        switch (envelope.Kind)
        {
            case EnvelopeKind.TestEvent:
                Log.TestEventDropped(_logger, message.MessageId, envelope.Source);
                return;
            case EnvelopeKind.NotS3Event:
                Log.NotAnS3Event(_logger, message.MessageId, envelope.Reason ?? "unknown", message.Body.Length);
                throw new UnrecognizedMessageException(envelope.Reason ?? "unknown");
        }

        if (ForeignEvent(envelope.Events) is { } foreign)
        {
            Log.ForeignBucket(_logger, message.MessageId, foreign.EventName, foreign.Bucket, foreign.Key, _ownBucket!);
            throw new UnrecognizedMessageException($"event for bucket {foreign.Bucket}, which is not the pipeline's bucket {_ownBucket}");
        }

        if (message.ReceiveCount > 1)
        {
            ProcessorDiagnostics.Retries.Add(1);
        }

        foreach (var objectEvent in envelope.Events)
        {
            await HandleEventAsync(objectEvent, message, receivedAt, cancellationToken);
        }
    }

    /// <summary>The first event for a bucket other than the pipeline's own, if the own bucket is configured.</summary>
    private ObjectEvent? ForeignEvent(IReadOnlyList<ObjectEvent> events)
    {
        if (string.IsNullOrEmpty(_ownBucket))
        {
            return null;
        }

        foreach (var objectEvent in events)
        {
            if (!string.Equals(objectEvent.Bucket, _ownBucket, StringComparison.Ordinal))
            {
                return objectEvent;
            }
        }

        return null;
    }

    private async Task HandleEventAsync(ObjectEvent objectEvent, QueueMessage message, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        if (objectEvent.EventTime is { } eventTime)
        {
            ProcessorDiagnostics.QueueLag.Record((receivedAt - eventTime).TotalMilliseconds);
        }

        if (!objectEvent.IsCreated && !objectEvent.IsRemoved)
        {
            Log.UnsupportedEvent(_logger, message.MessageId, objectEvent.EventName, objectEvent.Bucket, objectEvent.Key);
            return;
        }

        // Created or removed, the event says only that the key changed: the record is brought in line with S3 now.
        await _sync.SyncAsync(new EventContext(objectEvent, message, receivedAt, started), cancellationToken);
    }
}
