using System.Diagnostics;

namespace FilePipeline.Processor.Handling;

/// <summary>A queue message as the handler sees it, whichever host (worker or Lambda) received it.</summary>
/// <param name="MessageId">The SQS message id: what a batch reports as failed.</param>
/// <param name="Body">The message body.</param>
/// <param name="ReceiveCount">SQS ApproximateReceiveCount (1 on the first delivery).</param>
/// <param name="SentAt">When the message was sent to the queue, if known.</param>
/// <param name="QueueName">The queue's name, for telemetry.</param>
/// <param name="ReceiveContext">The span that received the message; a new trace links to it.</param>
public sealed record QueueMessage(
    string MessageId, string Body, int ReceiveCount, DateTimeOffset? SentAt, string? QueueName, ActivityContext ReceiveContext = default);
