namespace FilePipeline.Processor.Handling;

/// <summary>
/// A handler with work to do once per batch before any of its messages is handled. <see cref="BatchProcessor"/>
/// handles each of the batch's messages with the handler <see cref="BeginBatchAsync"/> returns.
/// </summary>
public interface IBatchMessageHandler : IMessageHandler
{
    Task<IMessageHandler> BeginBatchAsync(IReadOnlyList<QueueMessage> messages, CancellationToken cancellationToken);
}
