using System.Diagnostics;
using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using FilePipeline.Processor.Handling;
using FilePipeline.Processor.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FilePipeline.Processor.Worker;

/// <summary>
/// The long-polling worker: N pollers each receive up to 10 messages (20 s wait), run them through the
/// <see cref="BatchProcessor"/> while keeping them invisible, delete the successes with DeleteMessageBatch and
/// give each failure a visibility timeout that grows with its receive count. On SIGTERM the pollers stop
/// receiving, finish what they hold, delete it, and return.
/// </summary>
public sealed class QueueWorker(
    IAmazonSQS sqs, BatchProcessor processor, WorkerSettings settings, WorkerReadiness readiness, TimeProvider time, ILogger<QueueWorker> logger)
    : BackgroundService
{
    private const int MaxMessages = 10;

    /// <summary>
    /// The message system attributes a receive asks for: the receive count (backoff) and the send time (queue
    /// latency), all the worker reads. S3 notifications carry no message attributes; the trace context travels with the
    /// object, not the message. The benchmarks' SDK loop and latency floor ask for the same.
    /// </summary>
    public static IReadOnlyList<string> ReceivedAttributes { get; } = ["ApproximateReceiveCount", "SentTimestamp"];
    private readonly CancellationTokenSource _abort = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await WaitForQueueAsync(stoppingToken))
        {
            return;
        }

        readiness.Ready(settings.QueueUrl);
        Log.WorkerReady(logger, settings.Pollers, settings.QueueUrl);
        var pollers = Enumerable.Range(0, settings.Pollers).Select(_ => Task.Run(() => PollAsync(stoppingToken), CancellationToken.None));
        await Task.WhenAll(pollers);
        Log.WorkerStopped(logger, settings.QueueUrl);
    }

    /// <summary>Stops receiving at once; in-flight batches are abandoned only if the host's shutdown timeout runs out.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        Log.WorkerStopping(logger);
        using var registration = cancellationToken.Register(_abort.Cancel);
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _abort.Dispose();
        base.Dispose();
    }

    private async Task<bool> WaitForQueueAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = settings.QueueUrl, AttributeNames = ["QueueArn"] }, stoppingToken);
                return true;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception exception)
            {
                var delay = ErrorDelay(attempt);
                Log.QueueUnavailable(logger, exception, settings.QueueUrl, delay.TotalSeconds);
                if (!await DelayAsync(delay, stoppingToken))
                {
                    return false;
                }
            }
        }
    }

    private async Task PollAsync(CancellationToken stoppingToken)
    {
        var errors = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            ReceivedBatch batch;
            try
            {
                batch = await ReceiveAsync(stoppingToken);
                errors = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                var delay = ErrorDelay(++errors);
                Log.ReceiveFailed(logger, exception, settings.QueueUrl, delay.TotalSeconds);
                if (!await DelayAsync(delay, stoppingToken))
                {
                    break;
                }

                continue;
            }

            if (batch.Messages.Count > 0)
            {
                await ProcessAsync(batch);
            }
        }
    }

    private async Task<ReceivedBatch> ReceiveAsync(CancellationToken cancellationToken)
    {
        using var activity = ProcessorDiagnostics.Source.StartActivity("receive", ActivityKind.Consumer);
        activity?.SetTag("messaging.system", "aws_sqs");
        activity?.SetTag("messaging.operation.type", "receive");
        activity?.SetTag("messaging.destination.name", settings.QueueName);
        activity?.SetTag("server.address", settings.QueueUrl);
        var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = settings.QueueUrl,
            MaxNumberOfMessages = MaxMessages,
            WaitTimeSeconds = settings.WaitTimeSeconds,
            VisibilityTimeout = settings.VisibilityTimeoutSeconds,
            MessageSystemAttributeNames = [.. ReceivedAttributes],
        }, cancellationToken);
        var messages = response.Messages ?? [];
        activity?.SetTag("messaging.batch.message_count", messages.Count);
        if (activity is not null && messages.Count == 0)
        {
            activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded; // an empty poll is not worth a span
        }

        return new ReceivedBatch(messages, activity?.Context ?? default);
    }

    private async Task ProcessAsync(ReceivedBatch batch)
    {
        var byId = new Dictionary<string, Message>(StringComparer.Ordinal);
        var queueMessages = new List<QueueMessage>(batch.Messages.Count);
        foreach (var message in batch.Messages)
        {
            if (message.MessageId is not { } id || message.ReceiptHandle is null || !byId.TryAdd(id, message))
            {
                continue;
            }

            queueMessages.Add(new QueueMessage(id, message.Body ?? "", ReceiveCount(message), SentAt(message), settings.QueueName, batch.ReceiveContext));
        }

        IReadOnlyList<string> failed;
        using (var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token))
        {
            var keepVisible = KeepVisibleAsync(byId.Values, heartbeat.Token);
            try
            {
                failed = await processor.ProcessAsync(queueMessages, settings.IsFifo, _abort.Token);
            }
            finally
            {
                await heartbeat.CancelAsync();
                await keepVisible;
            }
        }

        var failedIds = failed.ToHashSet(StringComparer.Ordinal);
        await DeleteAsync([.. byId.Values.Where(message => !failedIds.Contains(message.MessageId!))], batch.ReceiveContext);
        await RetryLaterAsync([.. byId.Values.Where(message => failedIds.Contains(message.MessageId!))]);
    }

    /// <summary>Extends the batch's visibility while it is being handled (e.g. a large object still being read).</summary>
    private async Task KeepVisibleAsync(IEnumerable<Message> messages, CancellationToken cancellationToken)
    {
        var period = TimeSpan.FromSeconds(Math.Max(1, settings.VisibilityTimeoutSeconds / 3.0));
        using var timer = new PeriodicTimer(period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var entries = messages.Select((message, i) => new ChangeMessageVisibilityBatchRequestEntry("m" + i.ToString(CultureInfo.InvariantCulture), message.ReceiptHandle!)
                {
                    VisibilityTimeout = settings.VisibilityTimeoutSeconds,
                }).ToList();
                try
                {
                    await sqs.ChangeMessageVisibilityBatchAsync(new ChangeMessageVisibilityBatchRequest { QueueUrl = settings.QueueUrl, Entries = entries }, cancellationToken);
                    Log.VisibilityExtended(logger, entries.Count, settings.VisibilityTimeoutSeconds);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    Log.VisibilityFailed(logger, exception, entries.Count);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the batch is done
        }
    }

    /// <summary>Deletes what was handled; the span links to the batch's receive, as each message's process span does.</summary>
    private async Task DeleteAsync(IReadOnlyList<Message> messages, ActivityContext receiveContext)
    {
        if (messages.Count == 0)
        {
            return;
        }

        using var activity = ProcessorDiagnostics.Source.StartActivity(
            ActivityKind.Client, default, links: receiveContext == default ? null : [new ActivityLink(receiveContext)], name: "delete");
        activity?.SetTag("messaging.system", "aws_sqs");
        activity?.SetTag("messaging.operation.type", "settle");
        activity?.SetTag("messaging.destination.name", settings.QueueName);
        activity?.SetTag("messaging.batch.message_count", messages.Count);
        var entries = messages.Select((message, i) => new DeleteMessageBatchRequestEntry("m" + i.ToString(CultureInfo.InvariantCulture), message.ReceiptHandle!)).ToList();
        try
        {
            // Not cancelled by shutdown: what was processed must be removed, or it comes back as a duplicate.
            var response = await sqs.DeleteMessageBatchAsync(new DeleteMessageBatchRequest(settings.QueueUrl, entries), _abort.Token);
            foreach (var failure in response.Failed ?? [])
            {
                Log.DeleteEntryFailed(logger, failure.Id, failure.Code, failure.Message);
            }
        }
        catch (Exception exception)
        {
            ProcessorDiagnostics.Fail(activity, exception);
            Log.DeleteFailed(logger, exception, messages.Count);
        }
    }

    private async Task RetryLaterAsync(IReadOnlyList<Message> messages)
    {
        if (messages.Count == 0)
        {
            return;
        }

        var entries = messages.Select((message, i) => new ChangeMessageVisibilityBatchRequestEntry("m" + i.ToString(CultureInfo.InvariantCulture), message.ReceiptHandle!)
        {
            VisibilityTimeout = settings.Backoff.VisibilitySeconds(ReceiveCount(message)),
        }).ToList();
        try
        {
            var response = await sqs.ChangeMessageVisibilityBatchAsync(new ChangeMessageVisibilityBatchRequest { QueueUrl = settings.QueueUrl, Entries = entries }, _abort.Token);
            foreach (var (message, entry) in messages.Zip(entries))
            {
                Log.RetryScheduled(logger, message.MessageId, ReceiveCount(message), entry.VisibilityTimeout ?? 0);
            }

            foreach (var failure in response.Failed ?? [])
            {
                Log.VisibilityEntryFailed(logger, failure.Id, failure.Code, failure.Message);
            }
        }
        catch (Exception exception)
        {
            Log.VisibilityFailed(logger, exception, messages.Count); // the message returns after its current visibility timeout
        }
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Backoff after receive errors (emulator down, throttling): 1, 2, 4 ... 30 s, so a dead endpoint never spins.</summary>
    private static TimeSpan ErrorDelay(int errors) =>
        TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, Math.Min(errors - 1, 5))) * (0.75 + (Random.Shared.NextDouble() / 2)));

    private static int ReceiveCount(Message message) =>
        message.Attributes?.GetValueOrDefault("ApproximateReceiveCount") is { } text
        && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : 1;

    private static DateTimeOffset? SentAt(Message message) =>
        message.Attributes?.GetValueOrDefault("SentTimestamp") is { } text
        && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;

    private sealed record ReceivedBatch(IReadOnlyList<Message> Messages, ActivityContext ReceiveContext);
}
