using System.Diagnostics;
using System.Net;
using System.Runtime.ExceptionServices;
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
/// Brings one key's record in line with what S3 holds now; the event is only the trigger (docs/processor.md,
/// "Processing semantics"). A round: read the record and its revision; look at the latest version, by HeadObject,
/// or by a GetObject of the latest version when the body will be read anyway (a new object, small enough to be
/// accepted); if the record already describes that version, stop (no body read, no write); else read the body (the
/// GetObject already open, or one pinned to the head's version: VersionId and If-Match on its ETag) and write the
/// record on condition that its revision is still the one read. A round lost to another writer, or to an object that
/// changed under a pinned read, starts again from the record.
/// </summary>
internal sealed class ObjectSync(IAmazonS3 s3, RecordStore store, ValidationPolicy policy, DocumentLimits documentLimits, ILogger logger, TimeProvider time)
{
    /// <summary>Rounds one event may take before its message fails and is left to the queue's retry.</summary>
    public const int MaxRounds = 5;

    private enum Outcome
    {
        /// <summary>The record describes what S3 held when it was looked at (written now, or already).</summary>
        Current,

        /// <summary>Another writer or a change of the object got in between: nothing written, sync again.</summary>
        Raced,
    }

    public async Task SyncAsync(EventContext context, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var seen = await ObserveAsync(context, cancellationToken);
        // The uploader's trace (traceparent in the object's metadata) is known once S3 has answered.
        var metadata = seen.Metadata;
        ActivityContext? parent = metadata is not null && TraceMetadata.TryExtract(name => metadata[name], out var uploaded) ? uploaded : null;
        using var activity = StartProcessActivity(context, parent, started);
        for (var round = 1; ; round++)
        {
            Outcome outcome;
            using (seen.Opened)
            {
                RecordHead(context, seen);
                if (seen.Error is { } error)
                {
                    ProcessorDiagnostics.Fail(activity, error.SourceException);
                    error.Throw();
                }

                outcome = await ApplyAsync(context, seen, round, activity, parent, cancellationToken);
            }

            if (outcome == Outcome.Current)
            {
                return;
            }

            if (round == MaxRounds)
            {
                var changing = new ObjectChangedException(context.Event.Bucket, context.Event.Key, round);
                ProcessorDiagnostics.Fail(activity, changing);
                throw changing;
            }

            seen = await ObserveAsync(context, cancellationToken);
        }
    }

    /// <summary>
    /// The record (and its revision) first, then the object's latest version: a write is checked against that revision.
    /// The record is the batch's read of it when this is the key's first look in the batch, else a read of its own.
    /// The version comes from a GetObject left open for the scan when <see cref="ReadsAtOnce"/>, else from HeadObject.
    /// </summary>
    private async Task<Observation> ObserveAsync(EventContext context, CancellationToken cancellationToken)
    {
        var objectEvent = context.Event;
        var stored = context.Reads is { } reads && reads.TryTake(objectEvent.Bucket, objectEvent.Key, out var read)
            ? read
            : await store.ReadAsync(objectEvent.Bucket, objectEvent.Key, cancellationToken);
        var start = time.GetUtcNow();
        var atOnce = ReadsAtOnce(objectEvent, stored);
        try
        {
            if (atOnce)
            {
                var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = objectEvent.Bucket, Key = objectEvent.Key }, cancellationToken);
                return new Observation(stored, ObjectVersion.From(response), response.Metadata, start, null, response, atOnce);
            }

            var head = await s3.GetObjectMetadataAsync(
                new GetObjectMetadataRequest { BucketName = objectEvent.Bucket, Key = objectEvent.Key }, cancellationToken);
            return new Observation(stored, ObjectVersion.From(head), head.Metadata, start, null, null, atOnce);
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return new Observation(stored, null, null, start, null, null, atOnce); // gone, or a delete marker is the latest version
        }
        catch (Exception exception)
        {
            return new Observation(stored, null, null, start, ExceptionDispatchInfo.Capture(exception), null, atOnce);
        }
    }

    /// <summary>
    /// Whether to look at the object by reading it: a GetObject of the latest version, whose headers serve as the head
    /// and whose body is the scan's, one request instead of two. Only when the body is going to be read anyway: the
    /// event is a creation of an object the size policy accepts (by the size the event names; what S3 answers is
    /// checked again) and the key has no measured record (none yet, or DELETED or MISSING). A key with a measured
    /// record is headed first, whatever the event says, so that a duplicate or stale event costs no GetObject.
    /// </summary>
    private bool ReadsAtOnce(ObjectEvent objectEvent, StoredRecord? stored) =>
        objectEvent.IsCreated
        && objectEvent.Size is { } size && policy.CheckSize(size).Accepted
        && stored?.Record.Status is null or RecordStatus.Deleted or RecordStatus.Missing;

    private async Task<Outcome> ApplyAsync(
        EventContext context, Observation seen, int round, Activity? activity, ActivityContext? parent, CancellationToken cancellationToken)
    {
        var objectEvent = context.Event;
        var revision = seen.Stored?.Revision ?? 0;
        if (seen.Version is not { } version)
        {
            return await WriteGoneAsync(context, seen.Stored, seen.ReadAtOnce ? "GetObject" : "HeadObject", round, activity, parent, cancellationToken);
        }

        if (seen.Stored?.Record is { } current && version.IsDescribedBy(current))
        {
            activity?.SetTag("filepipeline.outcome", "current");
            ProcessorDiagnostics.Files.Add(1, new KeyValuePair<string, object?>("status", "current"));
            Log.RecordCurrent(logger, context.Message.MessageId, objectEvent.EventName, objectEvent.Bucket, objectEvent.Key, revision, version.ETag, version.VersionId);
            return Outcome.Current;
        }

        var measured = version.ApplyTo(context.Record(RecordStatus.Processed, time, activity, parent));
        var sizeVerdict = policy.CheckSize(version.Size);
        if (!sizeVerdict.Accepted)
        {
            return await WriteAsync(context, measured with { Status = RecordStatus.Rejected, Reason = sizeVerdict.Reason }, revision, round, cancellationToken);
        }

        if (await ScanAsync(context, version, seen, cancellationToken) is not { } scan)
        {
            Log.ObjectChangedWhileRead(logger, context.Message.MessageId, objectEvent.Bucket, objectEvent.Key, version.ETag, round);
            return Outcome.Raced;
        }

        var verdict = policy.CheckContent(objectEvent.Key, version.ContentType, scan.DetectedType);
        var record = scan.Describe(measured) with
        {
            Status = verdict.Accepted ? RecordStatus.Processed : RecordStatus.Rejected,
            Reason = verdict.Reason,
        };
        return await WriteAsync(context, record, revision, round, cancellationToken);
    }

    /// <summary>
    /// The object has no current version. A record that described one becomes <c>DELETED</c>, a key never recorded
    /// <c>MISSING</c>; either way without any of the object's fields, since nothing of what S3 holds now was measured.
    /// </summary>
    private async Task<Outcome> WriteGoneAsync(
        EventContext context, StoredRecord? stored, string lookedBy, int round, Activity? activity, ActivityContext? parent, CancellationToken cancellationToken)
    {
        var objectEvent = context.Event;
        if (stored?.Record.Status is RecordStatus.Deleted or RecordStatus.Missing)
        {
            activity?.SetTag("filepipeline.outcome", "current");
            ProcessorDiagnostics.Files.Add(1, new KeyValuePair<string, object?>("status", "current"));
            Log.RecordAlreadyGone(logger, context.Message.MessageId, objectEvent.EventName, objectEvent.Bucket, objectEvent.Key,
                stored.Revision, FileRecordItem.StatusName(stored.Record.Status));
            return Outcome.Current;
        }

        var record = stored is null
            ? context.Record(RecordStatus.Missing, time, activity, parent) with { Reason = $"the object was gone before it could be read ({lookedBy}: 404 Not Found)" }
            : context.Record(RecordStatus.Deleted, time, activity, parent) with { Reason = $"the object no longer exists ({lookedBy}: 404 Not Found)" };
        return await WriteAsync(context, record, stored?.Revision ?? 0, round, cancellationToken);
    }

    /// <summary>
    /// The body of exactly the version that was looked at: the GetObject the observation left open, or one pinned to
    /// the head's version; null when that version changed or went away since the head.
    /// </summary>
    private async Task<ScanResult?> ScanAsync(EventContext context, ObjectVersion version, Observation seen, CancellationToken cancellationToken)
    {
        var objectEvent = context.Event;
        // A read at once: its GetObject began the round, and so does the span.
        using var activity = ProcessorDiagnostics.StartStage("scan", objectEvent.Bucket, objectEvent.Key, startTime: seen.Opened is null ? default : seen.Start);
        activity?.SetTag("rpc.system", "aws-api");
        activity?.SetTag("rpc.service", "S3");
        activity?.SetTag("rpc.method", "GetObject");
        activity?.SetTag("filepipeline.read", seen.Opened is null ? "pinned" : "latest");
        GetObjectResponse? pinned = null;
        try
        {
            var response = seen.Opened ?? (pinned = await s3.GetObjectAsync(new GetObjectRequest
            {
                BucketName = objectEvent.Bucket,
                Key = objectEvent.Key,
                VersionId = version.VersionId,
                EtagToMatch = version.ETag is null ? null : $"\"{version.ETag}\"",
            }, cancellationToken));
            await using var stream = response.ResponseStream;
            var result = await ContentScanner.ScanAsync(stream, response.ContentLength, documentLimits, cancellationToken);
            activity?.SetTag("filepipeline.detected_type", result.DetectedType);
            activity?.SetTag("filepipeline.size", result.Size);
            return result;
        }
        catch (AmazonS3Exception exception) when (seen.Opened is null && exception.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.PreconditionFailed)
        {
            activity?.SetTag("filepipeline.outcome", "changed");
            return null;
        }
        catch (Exception exception)
        {
            ProcessorDiagnostics.Fail(activity, exception);
            throw;
        }
        finally
        {
            pinned?.Dispose();
        }
    }

    private async Task<Outcome> WriteAsync(EventContext context, FileRecord record, long revision, int round, CancellationToken cancellationToken)
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
        bool written;
        try
        {
            written = await store.TryWriteAsync(record, revision, cancellationToken);
        }
        catch (Exception exception)
        {
            ProcessorDiagnostics.Fail(activity, exception);
            throw;
        }

        if (!written)
        {
            activity?.SetTag("filepipeline.outcome", "raced");
            Log.RecordRaced(logger, context.Message.MessageId, record.Bucket, record.Key, revision, round);
            return Outcome.Raced;
        }

        var status = FileRecordItem.StatusName(record.Status).ToLowerInvariant();
        activity?.SetTag("filepipeline.outcome", status);
        ProcessorDiagnostics.Files.Add(1, new KeyValuePair<string, object?>("status", status));
        ProcessorDiagnostics.ProcessingDuration.Record(record.DurationMs ?? 0);
        Log.RecordWritten(logger, record.Bucket, record.Key, FileRecordItem.StatusName(record.Status), record.DetectedType, record.Reason, context.Message.MessageId);
        return Outcome.Current;
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

    /// <summary>
    /// The <c>head</c> span, recorded after the fact: its parent is only known once S3 answered. None when the object
    /// was looked at by a GetObject that answered: the <c>scan</c> span starts where that request did.
    /// </summary>
    private void RecordHead(EventContext context, Observation seen)
    {
        if (seen.Opened is not null)
        {
            return;
        }

        using var head = ProcessorDiagnostics.Source.StartActivity(ActivityKind.Client, default, startTime: seen.Start, name: "head");
        if (head is null)
        {
            return;
        }

        head.SetTag("aws.s3.bucket", context.Event.Bucket);
        head.SetTag("aws.s3.key", context.Event.Key);
        head.SetTag("rpc.system", "aws-api");
        head.SetTag("rpc.service", "S3");
        head.SetTag("rpc.method", seen.ReadAtOnce ? "GetObject" : "HeadObject");
        head.SetTag("filepipeline.record_revision", seen.Stored?.Revision ?? 0);
        if (seen.Error is { } error)
        {
            ProcessorDiagnostics.Fail(head, error.SourceException);
        }

        head.SetEndTime(time.GetUtcNow().UtcDateTime);
    }

    /// <summary>
    /// One look at the key: the record with its revision, then the object's latest version (null when it has none)
    /// with its user metadata. <paramref name="ReadAtOnce"/>: the look was a GetObject (<see cref="ReadsAtOnce"/>);
    /// <paramref name="Opened"/> is that GetObject, its body not read yet, when it answered with a version.
    /// </summary>
    private sealed record Observation(
        StoredRecord? Stored, ObjectVersion? Version, MetadataCollection? Metadata, DateTimeOffset Start, ExceptionDispatchInfo? Error,
        GetObjectResponse? Opened, bool ReadAtOnce);
}
