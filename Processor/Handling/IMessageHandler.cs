namespace FilePipeline.Processor.Handling;

/// <summary>Handles one message; returns when it succeeded, throws when it must be retried.</summary>
public interface IMessageHandler
{
    Task HandleAsync(QueueMessage message, CancellationToken cancellationToken);
}
