using FilePipeline.Processor.Telemetry;
using Microsoft.Extensions.Logging;

namespace FilePipeline.Processor.Handling;

/// <summary>
/// Runs a batch through the record handler: concurrently up to a degree, or one at a time on a FIFO queue
/// (stopping at the first failure), after the handler's work for the whole batch if it has any
/// (<see cref="IBatchMessageHandler"/>). Every message counts as failed until its handler returned; the result
/// lists the failed message ids only.
/// </summary>
public sealed class BatchProcessor(IMessageHandler handler, int maxConcurrency, ILogger<BatchProcessor> logger)
{
    public async Task<IReadOnlyList<string>> ProcessAsync(
        IReadOnlyList<QueueMessage> messages, bool fifo, CancellationToken cancellationToken)
    {
        ProcessorDiagnostics.BatchSize.Record(messages.Count);
        var succeeded = new bool[messages.Count];
        try
        {
            var batchHandler = handler is IBatchMessageHandler batched ? await batched.BeginBatchAsync(messages, cancellationToken) : handler;
            if (fifo)
            {
                for (var i = 0; i < messages.Count; i++)
                {
                    if (!await TryHandleAsync(batchHandler, messages[i], cancellationToken))
                    {
                        Log.FifoStopped(logger, messages[i].MessageId, messages.Count - i - 1);
                        break;
                    }

                    succeeded[i] = true;
                }
            }
            else
            {
                await Parallel.ForEachAsync(
                    Enumerable.Range(0, messages.Count),
                    new ParallelOptions { MaxDegreeOfParallelism = maxConcurrency, CancellationToken = cancellationToken },
                    async (i, token) => succeeded[i] = await TryHandleAsync(batchHandler, messages[i], token));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.BatchCancelled(logger, succeeded.Count(done => !done), messages.Count);
        }

        return [.. messages.Where((_, i) => !succeeded[i]).Select(message => message.MessageId)];
    }

    private async Task<bool> TryHandleAsync(IMessageHandler batchHandler, QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await batchHandler.HandleAsync(message, cancellationToken);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.MessageCancelled(logger, message.MessageId);
            return false;
        }
        catch (UnrecognizedMessageException)
        {
            return false; // the handler logged the classification
        }
        catch (Exception exception)
        {
            Log.MessageFailed(logger, exception, message.MessageId, message.ReceiveCount);
            return false;
        }
    }
}
