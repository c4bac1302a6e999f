using System.Collections.Concurrent;
using FilePipeline.Processor.Handling;
using Microsoft.Extensions.Logging.Abstractions;

namespace FilePipeline.Tests.Processor;

public sealed class BatchProcessorTests
{
    [Fact]
    public async Task Only_failed_message_ids_are_returned()
    {
        var handler = new ScriptedHandler(id => id is "2" or "4" ? throw new InvalidOperationException("boom " + id) : Task.CompletedTask);
        var processor = new BatchProcessor(handler, 3, NullLogger<BatchProcessor>.Instance);

        var failed = await processor.ProcessAsync(Messages(5), fifo: false, TestContext.Current.CancellationToken);

        Assert.Equal(["2", "4"], failed.Order());
        Assert.Equal(5, handler.Calls.Count);
    }

    [Fact]
    public async Task Unrecognised_messages_fail()
    {
        var handler = new ScriptedHandler(id => id == "1" ? throw new UnrecognizedMessageException("not json") : Task.CompletedTask);
        var processor = new BatchProcessor(handler, 2, NullLogger<BatchProcessor>.Instance);

        Assert.Equal(["1"], await processor.ProcessAsync(Messages(3), false, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Messages_run_concurrently_up_to_the_configured_degree()
    {
        var running = 0;
        var peak = 0;
        // The first three hold until all three run at once (so a slow machine cannot finish one before the third
        // starts); the rest pass. Three at once proves the degree is used; a fourth at once would exceed it.
        var threeRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new ScriptedHandler(async _ =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            if (now == 3)
            {
                threeRunning.TrySetResult();
            }

            await threeRunning.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            await Task.Yield();
            Interlocked.Decrement(ref running);
        });
        var processor = new BatchProcessor(handler, 3, NullLogger<BatchProcessor>.Instance);

        var failed = await processor.ProcessAsync(Messages(10), false, TestContext.Current.CancellationToken);

        Assert.Empty(failed);
        Assert.Equal(3, peak);
        Assert.Equal(10, handler.Calls.Count);
    }

    [Fact]
    public async Task Fifo_batch_stops_at_the_first_failure_and_reports_the_rest()
    {
        var handler = new ScriptedHandler(id => id == "3" ? throw new TimeoutException() : Task.CompletedTask);
        var processor = new BatchProcessor(handler, 4, NullLogger<BatchProcessor>.Instance);

        var failed = await processor.ProcessAsync(Messages(6), fifo: true, TestContext.Current.CancellationToken);

        Assert.Equal(["3", "4", "5"], failed);
        Assert.Equal(["0", "1", "2", "3"], handler.Calls);
    }

    [Fact]
    public async Task Messages_unfinished_at_cancellation_count_as_failed()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var started = 0;
        var handler = new ScriptedHandler(async id =>
        {
            // Cancelled once all four have started: "0" has returned by then (it returns at once), 1-3 are waiting.
            if (Interlocked.Increment(ref started) == 4)
            {
                await cancel.CancelAsync();
            }

            if (id != "0")
            {
                await Task.Delay(TimeSpan.FromSeconds(30), cancel.Token);
            }
        });
        var processor = new BatchProcessor(handler, 4, NullLogger<BatchProcessor>.Instance);

        var failed = await processor.ProcessAsync(Messages(4), false, cancel.Token);

        Assert.Equal(["1", "2", "3"], failed.Order());
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task Batch_handler_begins_the_batch_once_and_its_batch_handles_every_message(bool fifo, bool rateLimited)
    {
        var handler = new BatchingHandler();
        using var limiter = FilePipeline.Processor.Worker.RateLimitedHandler.Create(1000);
        IMessageHandler outer = rateLimited ? new FilePipeline.Processor.Worker.RateLimitedHandler(handler, limiter) : handler;
        var processor = new BatchProcessor(outer, 3, NullLogger<BatchProcessor>.Instance);
        var messages = Messages(5);

        var failed = await processor.ProcessAsync(messages, fifo, TestContext.Current.CancellationToken);

        Assert.Empty(failed);
        var begun = Assert.Single(handler.Batches);
        Assert.Equal(messages, begun);
        Assert.Equal(["0", "1", "2", "3", "4"], handler.HandledInBatch.Order());
        Assert.Empty(handler.HandledAlone);
    }

    private static List<QueueMessage> Messages(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new QueueMessage(i.ToString(System.Globalization.CultureInfo.InvariantCulture), "{}", 1, null, "q"))];

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private sealed class ScriptedHandler(Func<string, Task> script) : IMessageHandler
    {
        private readonly Lock _gate = new();

        public List<string> Calls { get; } = [];

        public Task HandleAsync(QueueMessage message, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                Calls.Add(message.MessageId);
            }

            return script(message.MessageId);
        }
    }

    private sealed class BatchingHandler : IBatchMessageHandler
    {
        public ConcurrentQueue<IReadOnlyList<QueueMessage>> Batches { get; } = new();

        public ConcurrentQueue<string> HandledInBatch { get; } = new();

        public ConcurrentQueue<string> HandledAlone { get; } = new();

        public Task HandleAsync(QueueMessage message, CancellationToken cancellationToken)
        {
            HandledAlone.Enqueue(message.MessageId);
            return Task.CompletedTask;
        }

        public Task<IMessageHandler> BeginBatchAsync(IReadOnlyList<QueueMessage> messages, CancellationToken cancellationToken)
        {
            Batches.Enqueue([.. messages]);
            return Task.FromResult<IMessageHandler>(new ScriptedHandler(id =>
            {
                HandledInBatch.Enqueue(id);
                return Task.CompletedTask;
            }));
        }
    }
}
