using FilePipeline.Processor.Telemetry;
using Microsoft.Extensions.Logging;

namespace FilePipeline.Processor.Handling;

/// <summary>
/// Runs a batch through the record handler: concurrently up to a degree, or one at a time on a FIFO queue
/// (stopping at the first failure); a batch of one message, or a degree of one, runs on the caller's thread.
/// Every message counts as failed until its handler returned; the result lists the failed message ids only.
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
            if (fifo)
            {
                for (var i = 0; i < messages.Count; i++)
                {
                    if (!await TryHandleAsync(messages[i], cancellationToken))
                    {
                        Log.FifoStopped(logger, messages[i].MessageId, messages.Count - i - 1);
                        break;
                    }

                    succeeded[i] = true;
                }
            }
            else if (messages.Count <= 1 || maxConcurrency == 1)
            {
                // One at a time anyway: on this thread, without Parallel.ForEachAsync's worker tasks (a hand-off to the
                // thread pool and back that an empty or one-message Lambda batch would wait for). Like those workers, it
                // takes no further message once cancelled, and none at all when cancelled before it starts.
                cancellationToken.ThrowIfCancellationRequested();
                for (var i = 0; i < messages.Count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    succeeded[i] = await TryHandleAsync(messages[i], cancellationToken);
                }
            }
            else
            {
                await Parallel.ForEachAsync(
                    Enumerable.Range(0, messages.Count),
                    new ParallelOptions { MaxDegreeOfParallelism = maxConcurrency, CancellationToken = cancellationToken },
                    async (i, token) => succeeded[i] = await TryHandleAsync(messages[i], token));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.BatchCancelled(logger, succeeded.Count(done => !done), messages.Count);
        }

        return [.. messages.Where((_, i) => !succeeded[i]).Select(message => message.MessageId)];
    }

    private async Task<bool> TryHandleAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await handler.HandleAsync(message, cancellationToken);
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
