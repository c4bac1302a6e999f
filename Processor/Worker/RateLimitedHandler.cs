using System.Threading.RateLimiting;
using FilePipeline.Processor.Handling;

namespace FilePipeline.Processor.Worker;

/// <summary>Starts at most a configured number of messages per second (shared by all pollers), for fragile downstreams.</summary>
public sealed class RateLimitedHandler(IMessageHandler inner, RateLimiter limiter) : IBatchMessageHandler
{
    /// <summary>The inner handler's batch (its work for the whole batch done), behind the same limiter.</summary>
    public async Task<IMessageHandler> BeginBatchAsync(IReadOnlyList<QueueMessage> messages, CancellationToken cancellationToken) =>
        inner is IBatchMessageHandler batched ? new RateLimitedHandler(await batched.BeginBatchAsync(messages, cancellationToken), limiter) : this;

    public async Task HandleAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        using var lease = await limiter.AcquireAsync(1, cancellationToken);
        if (!lease.IsAcquired)
        {
            throw new InvalidOperationException("The processing rate limiter refused a permit.");
        }

        await inner.HandleAsync(message, cancellationToken);
    }

    public static RateLimiter Create(double messagesPerSecond)
    {
        // Replenish in tenths of a second so that low rates are smooth and fractional rates work.
        var perTenth = Math.Max(1, (int)Math.Round(messagesPerSecond / 10));
        var period = TimeSpan.FromSeconds(perTenth / messagesPerSecond);
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = perTenth,
            TokensPerPeriod = perTenth,
            ReplenishmentPeriod = period,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }
}
