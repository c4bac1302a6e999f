using System.Diagnostics;
using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using FilePipeline.FileRecords;
using FilePipeline.Processor.Documents;
using FilePipeline.Processor.Events;
using FilePipeline.Processor.Scanning;
using FilePipeline.Processor.Telemetry;
using FilePipeline.Processor.Validation;
using FilePipeline.Telemetry;
using Microsoft.Extensions.Logging;

namespace FilePipeline.Processor.Handling;

/// <summary>
/// The record handler: classifies a message, and for each S3 object event in it inspects the object and writes
/// its one record (HeadObject, one streaming GetObject pass, one conditional DynamoDB write).
/// With <c>ownBucket</c> (<c>AWS:Resources:BucketName</c>) set, a message with an event for any other bucket is
/// not touched: it fails as unrecognized, so the redrive policy moves it to the dead-letter queue. Null or empty
/// accepts events for every bucket. <c>documentLimits</c> bound the parse of documents and images (default
/// <see cref="DocumentLimits.Default"/>).
/// </summary>
public sealed class ObjectEventHandler(
    IAmazonS3 s3, RecordStore store, ValidationPolicy policy, ILogger<ObjectEventHandler> logger, TimeProvider time, string? ownBucket = null,
    DocumentLimits? documentLimits = null)
    : IMessageHandler
{
    public async Task HandleAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        var receivedAt = time.GetUtcNow();
        var envelope = EnvelopeParser.Parse(message.Body);
        switch (envelope.Kind)
        {
            case EnvelopeKind.TestEvent:
                Log.TestEventDropped(logger, message.MessageId, envelope.Source);
                return;
            case EnvelopeKind.NotS3Event:
                Log.NotAnS3Event(logger, message.MessageId, envelope.Reason ?? "unknown", message.Body.Length);
                throw new UnrecognizedMessageException(envelope.Reason ?? "unknown");
        }

        if (ForeignEvent(envelope.Events) is { } foreign)
        {
            Log.ForeignBucket(logger, message.MessageId, foreign.EventName, foreign.Bucket, foreign.Key, ownBucket!);
            throw new UnrecognizedMessageException($"event for bucket {foreign.Bucket}, which is not the pipeline's bucket {ownBucket}");
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
        if (string.IsNullOrEmpty(ownBucket))
        {
            return null;
        }

        foreach (var objectEvent in events)
        {
            if (!string.Equals(objectEvent.Bucket, ownBucket, StringComparison.Ordinal))
            {
                return objectEvent;
            }
        }

        return null;
    }

    private async Task HandleEventAsync(ObjectEvent objectEvent, QueueMessage message, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        if (objectEvent.EventTime is { } eventTime)
        {
            ProcessorDiagnostics.QueueLag.Record((receivedAt - eventTime).TotalMilliseconds);
        }

        var context = new EventContext(objectEvent, message, receivedAt, started);
        if (objectEvent.IsRemoved)
        {
            using var activity = StartProcessActivity(context, null, receivedAt);
            var record = context.Record(RecordStatus.Deleted, time, activity, null) with { Reason = null };
            await WriteAsync(context, record, RecordOrder.Key(objectEvent.Sequencer, objectEvent.EventTime, null), deleted: true, cancellationToken);
            return;
        }

        if (!objectEvent.IsCreated)
        {
            Log.UnsupportedEvent(logger, message.MessageId, objectEvent.EventName, objectEvent.Bucket, objectEvent.Key);
            return;
        }

        await HandleCreatedAsync(context, cancellationToken);
    }

    private async Task HandleCreatedAsync(EventContext context, CancellationToken cancellationToken)
    {
        var objectEvent = context.Event;
        var headStart = time.GetUtcNow();
        GetObjectMetadataResponse? head;
        Exception? headError = null;
        try
        {
            head = await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest
            {
                BucketName = objectEvent.Bucket,
                Key = objectEvent.Key,
                VersionId = objectEvent.VersionId,
            }, cancellationToken);
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            head = null;
        }
        catch (Exception exception)
        {
            head = null;
            headError = exception;
        }

        ActivityContext? parent = head is not null && TraceMetadata.TryExtract(name => head.Metadata?[name], out var uploaded) ? uploaded : null;
        using var activity = StartProcessActivity(context, parent, headStart);
        RecordHead(context, headStart, headError);
        if (headError is not null)
        {
            ProcessorDiagnostics.Fail(activity, headError);
            throw headError;
        }

        if (head is null)
        {
            await WriteMissingAsync(context, activity, "HeadObject: the object no longer exists", cancellationToken);
            return;
        }

        var lastModified = head.LastModified is { } modified ? new DateTimeOffset(modified.ToUniversalTime(), TimeSpan.Zero) : (DateTimeOffset?)null;
        var etag = head.ETag?.Trim('"');
        var orderKey = RecordOrder.Key(objectEvent.Sequencer, lastModified ?? objectEvent.EventTime, etag);
        var declared = head.Headers?.ContentType;
        var basic = context.Record(RecordStatus.Processed, time, activity, parent) with
        {
            Size = head.ContentLength,
            DeclaredContentType = declared,
            ETag = etag,
            VersionId = head.VersionId ?? objectEvent.VersionId,
            LastModified = lastModified,
        };

        var sizeVerdict = policy.CheckSize(head.ContentLength);
        if (!sizeVerdict.Accepted)
        {
            await WriteAsync(context, basic with { Status = RecordStatus.Rejected, Reason = sizeVerdict.Reason }, orderKey, false, cancellationToken);
            return;
        }

        var scan = await ScanAsync(context, head.ETag, cancellationToken);
        if (scan is null)
        {
            await WriteMissingAsync(context, activity, "GetObject: the object no longer exists", cancellationToken);
            return;
        }

        var verdict = policy.CheckContent(objectEvent.Key, declared, scan.DetectedType);
        var record = scan.Describe(basic) with
        {
            Status = verdict.Accepted ? RecordStatus.Processed : RecordStatus.Rejected,
            Reason = verdict.Reason,
            ProcessedAt = time.GetUtcNow(),
            DurationMs = time.GetElapsedTime(context.Started).TotalMilliseconds,
        };
        await WriteAsync(context, record, orderKey, false, cancellationToken);
    }

    private async Task<ScanResult?> ScanAsync(EventContext context, string? etag, CancellationToken cancellationToken)
    {
        var objectEvent = context.Event;
        using var activity = ProcessorDiagnostics.StartStage("scan", objectEvent.Bucket, objectEvent.Key);
        activity?.SetTag("rpc.system", "aws-api");
        activity?.SetTag("rpc.service", "S3");
        activity?.SetTag("rpc.method", "GetObject");
        try
        {
            using var response = await s3.GetObjectAsync(new GetObjectRequest
            {
                BucketName = objectEvent.Bucket,
                Key = objectEvent.Key,
                VersionId = objectEvent.VersionId,
                EtagToMatch = etag,
            }, cancellationToken);
            await using var stream = response.ResponseStream;
            var result = await ContentScanner.ScanAsync(stream, response.ContentLength, documentLimits ?? DocumentLimits.Default, cancellationToken);
            activity?.SetTag("filepipeline.detected_type", result.DetectedType);
            activity?.SetTag("filepipeline.size", result.Size);
            return result;
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            var changed = new ObjectChangedException(objectEvent.Bucket, objectEvent.Key);
            ProcessorDiagnostics.Fail(activity, changed);
            throw changed;
        }
        catch (Exception exception)
        {
            ProcessorDiagnostics.Fail(activity, exception);
            throw;
        }
    }

    private Task WriteMissingAsync(EventContext context, Activity? activity, string reason, CancellationToken cancellationToken)
    {
        var objectEvent = context.Event;
        var record = context.Record(RecordStatus.Missing, time, activity, null) with { Reason = reason };
        return WriteAsync(context, record, RecordOrder.Key(objectEvent.Sequencer, objectEvent.EventTime, objectEvent.ETag), false, cancellationToken);
    }

    private async Task WriteAsync(EventContext context, FileRecord record, string orderKey, bool deleted, CancellationToken cancellationToken)
    {
        using var activity = ProcessorDiagnostics.StartStage("write", record.Bucket, record.Key, ActivityKind.Client);
        activity?.SetTag("rpc.system", "aws-api");
        activity?.SetTag("rpc.service", "DynamoDB");
        activity?.SetTag("aws.dynamodb.table_names", store.TableName);
        activity?.SetTag("filepipeline.status", FileRecordItem.StatusName(record.Status));
        record = record with
        {
            ProcessedAt = time.GetUtcNow(),
            DurationMs = time.GetElapsedTime(context.Started).TotalMilliseconds,
        };
        WriteOutcome outcome;
        try
        {
            outcome = deleted
                ? await store.MarkDeletedAsync(record, orderKey, cancellationToken)
                : await store.WriteAsync(record, orderKey, cancellationToken);
        }
        catch (Exception exception)
        {
            ProcessorDiagnostics.Fail(activity, exception);
            throw;
        }

        var status = outcome == WriteOutcome.Stale ? "stale" : FileRecordItem.StatusName(record.Status).ToLowerInvariant();
        activity?.SetTag("filepipeline.outcome", status);
        ProcessorDiagnostics.Files.Add(1, new KeyValuePair<string, object?>("status", status));
        ProcessorDiagnostics.ProcessingDuration.Record(record.DurationMs ?? 0);
        if (outcome == WriteOutcome.Stale)
        {
            Log.StaleEvent(logger, context.Message.MessageId, record.Bucket, record.Key, orderKey);
        }
        else
        {
            Log.RecordWritten(logger, record.Bucket, record.Key, FileRecordItem.StatusName(record.Status), record.DetectedType, record.Reason, context.Message.MessageId);
        }
    }

    /// <summary>
    /// The per-object span: a child of the uploader's trace (W3C <c>traceparent</c> in the object's metadata) when
    /// there is one, else a new trace linked to the message's receive span.
    /// </summary>
    private static Activity? StartProcessActivity(EventContext context, ActivityContext? parent, DateTimeOffset startTime)
    {
        var received = Activity.Current;
        var receiveContext = context.Message.ReceiveContext != default ? context.Message.ReceiveContext : received?.Context ?? default;
        var links = receiveContext == default ? null : new[] { new ActivityLink(receiveContext) };
        Activity.Current = null; // without a traceparent this is a root, not a child of the batch
        var activity = ProcessorDiagnostics.Source.StartActivity(
            ActivityKind.Consumer, parent ?? default, links: links, startTime: startTime, name: "process");
        if (activity is null)
        {
            Activity.Current = received;
            return null;
        }

        activity.SetTag("messaging.system", "aws_sqs");
        activity.SetTag("messaging.operation.type", "process");
        activity.SetTag("messaging.message.id", context.Message.MessageId);
        activity.SetTag("messaging.destination.name", context.Message.QueueName);
        activity.SetTag("aws.s3.bucket", context.Event.Bucket);
        activity.SetTag("aws.s3.key", context.Event.Key);
        activity.SetTag("filepipeline.event_name", context.Event.EventName);
        return activity;
    }

    /// <summary>The <c>head</c> span, recorded after the fact: its parent is only known once HeadObject answered.</summary>
    private void RecordHead(EventContext context, DateTimeOffset start, Exception? error)
    {
        using var head = ProcessorDiagnostics.Source.StartActivity(ActivityKind.Client, default, startTime: start, name: "head");
        if (head is null)
        {
            return;
        }

        head.SetTag("aws.s3.bucket", context.Event.Bucket);
        head.SetTag("aws.s3.key", context.Event.Key);
        head.SetTag("rpc.system", "aws-api");
        head.SetTag("rpc.service", "S3");
        head.SetTag("rpc.method", "HeadObject");
        if (error is not null)
        {
            ProcessorDiagnostics.Fail(head, error);
        }

        head.SetEndTime(time.GetUtcNow().UtcDateTime);
    }
}
