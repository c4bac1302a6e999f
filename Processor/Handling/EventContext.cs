using System.Diagnostics;
using FilePipeline.FileRecords;
using FilePipeline.Processor.Events;

namespace FilePipeline.Processor.Handling;

/// <summary>One object event being handled: the event, its message, when handling began, and the batch's record reads if any.</summary>
internal sealed record EventContext(ObjectEvent Event, QueueMessage Message, DateTimeOffset ReceivedAt, long Started, BatchReads? Reads = null)
{
    /// <summary>
    /// The record's fields that come from the event (the trigger of this sync) and the message. Nothing about the
    /// object itself: size, ETag, version and types come from S3 (HeadObject, the scan), never from the event.
    /// </summary>
    public FileRecord Record(RecordStatus status, TimeProvider time, Activity? activity, ActivityContext? parent) => new()
    {
        Bucket = Event.Bucket,
        Key = Event.Key,
        Status = status,
        EventName = Event.EventName,
        EventTime = Event.EventTime,
        Sequencer = Event.Sequencer,
        ReceivedAt = ReceivedAt,
        ProcessedAt = time.GetUtcNow(),
        Attempts = Message.ReceiveCount,
        MessageId = Message.MessageId,
        TraceId = activity?.TraceId.ToHexString() ?? parent?.TraceId.ToHexString(),
    };
}
