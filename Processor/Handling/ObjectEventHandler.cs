using System.Diagnostics;
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
/// with what S3 holds now (<see cref="ObjectSync"/>: the record read; a HeadObject, or for a new key a GetObject
/// whose headers serve as the head; and only for a version the record does not describe yet one streaming pass over
/// the body and one conditional PutItem). A batch (<see cref="BeginBatchAsync"/>) reads the records of all its keys
/// in one BatchGetItem instead of a GetItem each.
/// With <c>ownBucket</c> (<c>AWS:Resources:BucketName</c>) set, a message with an event for any other bucket is
/// not touched: it fails as unrecognized, so the redrive policy moves it to the dead-letter queue. Null or empty
/// accepts events for every bucket. <c>documentLimits</c> bound the parse of documents and images (default
/// <see cref="DocumentLimits.Default"/>).
/// </summary>
public sealed class ObjectEventHandler : IBatchMessageHandler
{
    private readonly ObjectSync _sync;
    private readonly RecordStore _store;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly string? _ownBucket;

    public ObjectEventHandler(
        IAmazonS3 s3, RecordStore store, ValidationPolicy policy, ILogger<ObjectEventHandler> logger, TimeProvider time, string? ownBucket = null,
        DocumentLimits? documentLimits = null)
    {
        _sync = new ObjectSync(s3, store, policy, documentLimits ?? DocumentLimits.Default, logger, time);
        _store = store;
        _logger = logger;
        _time = time;
        _ownBucket = ownBucket;
    }

    public Task HandleAsync(QueueMessage message, CancellationToken cancellationToken) =>
        HandleAsync(message, _time.GetUtcNow(), EnvelopeParser.Parse(message.Body), null, cancellationToken);

    /// <summary>
    /// Classifies the batch's messages and reads the records of every key their object events name, consistently,
    /// in one BatchGetItem (per 100 keys): each key's first sync in the batch starts from that read instead of a
    /// GetItem of its own, which changes when the record is read, not what the sync does with it. When the read
    /// fails, or DynamoDB leaves keys unprocessed, those syncs read their records themselves.
    /// </summary>
    public async Task<IMessageHandler> BeginBatchAsync(IReadOnlyList<QueueMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var receivedAt = _time.GetUtcNow();
        var envelopes = new Dictionary<QueueMessage, Envelope>(messages.Count, ReferenceEqualityComparer.Instance);
        var keys = new List<(string Bucket, string Key)>(messages.Count);
        foreach (var message in messages)
        {
            var envelope = EnvelopeParser.Parse(message.Body);
            envelopes[message] = envelope;
            if (envelope.Kind != EnvelopeKind.ObjectEvents || ForeignEvent(envelope.Events) is not null)
            {
                continue; // handled (and failed or dropped) on its own, without a record read
            }

            foreach (var objectEvent in envelope.Events)
            {
                if (objectEvent.ChangesRecord)
                {
                    keys.Add((objectEvent.Bucket, objectEvent.Key));
                }
            }
        }

        return new Batch(this, receivedAt, envelopes, keys.Count == 0 ? null : await ReadAsync(messages, keys, cancellationToken));
    }

    /// <summary>The batch's record reads; null when the read failed (each sync then reads its own).</summary>
    private async Task<BatchReads?> ReadAsync(IReadOnlyList<QueueMessage> messages, List<(string Bucket, string Key)> keys, CancellationToken cancellationToken)
    {
        using var activity = ProcessorDiagnostics.Source.StartActivity(
            ActivityKind.Client, default, links: ReceiveLinks(messages), name: "read");
        activity?.SetTag("rpc.system", "aws-api");
        activity?.SetTag("rpc.service", "DynamoDB");
        activity?.SetTag("rpc.method", "BatchGetItem");
        activity?.SetTag("aws.dynamodb.table_names", _store.TableName);
        activity?.SetTag("messaging.batch.message_count", messages.Count);
        try
        {
            var records = await _store.ReadManyAsync(keys, cancellationToken);
            activity?.SetTag("filepipeline.keys", records.Count);
            return new BatchReads(records);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            ProcessorDiagnostics.Fail(activity, exception);
            Log.BatchReadFailed(_logger, exception, keys.Count);
            return null;
        }
    }

    /// <summary>Links to the spans that received the batch's messages (one per receive), or null when there are none.</summary>
    private static ActivityLink[]? ReceiveLinks(IReadOnlyList<QueueMessage> messages)
    {
        var contexts = messages.Select(message => message.ReceiveContext).Where(context => context != default).Distinct().ToArray();
        return contexts.Length == 0 ? null : [.. contexts.Select(context => new ActivityLink(context))];
    }

    private async Task HandleAsync(QueueMessage message, DateTimeOffset receivedAt, Envelope envelope, BatchReads? reads, CancellationToken cancellationToken)
    {
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
            await HandleEventAsync(objectEvent, message, receivedAt, reads, cancellationToken);
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

    private async Task HandleEventAsync(
        ObjectEvent objectEvent, QueueMessage message, DateTimeOffset receivedAt, BatchReads? reads, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        if (objectEvent.EventTime is { } eventTime)
        {
            ProcessorDiagnostics.QueueLag.Record((receivedAt - eventTime).TotalMilliseconds);
        }

        if (!objectEvent.ChangesRecord)
        {
            Log.UnsupportedEvent(_logger, message.MessageId, objectEvent.EventName, objectEvent.Bucket, objectEvent.Key);
            return;
        }

        // Created or removed, the event says only that the key changed: the record is brought in line with S3 now.
        await _sync.SyncAsync(new EventContext(objectEvent, message, receivedAt, started, reads), cancellationToken);
    }

    /// <summary>One batch's messages, handled with the envelopes and record reads <see cref="BeginBatchAsync"/> made.</summary>
    private sealed class Batch(ObjectEventHandler owner, DateTimeOffset receivedAt, Dictionary<QueueMessage, Envelope> envelopes, BatchReads? reads)
        : IMessageHandler
    {
        public Task HandleAsync(QueueMessage message, CancellationToken cancellationToken) =>
            envelopes.TryGetValue(message, out var envelope)
                ? owner.HandleAsync(message, receivedAt, envelope, reads, cancellationToken)
                : owner.HandleAsync(message, cancellationToken); // not one of the batch's messages
    }
}
