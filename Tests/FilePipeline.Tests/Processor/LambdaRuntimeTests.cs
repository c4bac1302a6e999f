using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using FilePipeline.Processor.Handling;
using FilePipeline.Processor.Lambda;
using FilePipeline.Processor.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using FilePipeline.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace FilePipeline.Tests.Processor;

public sealed class LambdaRuntimeTests
{
    private const string QueueArn = "arn:aws:sqs:us-east-1:123456789012:events";

    [Fact]
    public async Task Response_lists_only_the_failed_message_ids_in_the_batch_item_failures_shape()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeRuntimeApi.StartAsync(ct);
        using var loop = Run(api, Handler((m, _) => m.Body == "bad" ? throw new InvalidOperationException("bad body") : Task.CompletedTask));

        var outcome = await api.InvokeAsync("req-1", SqsEvents.Batch(QueueArn, ("a", "ok"), ("b", "bad"), ("c", "ok")), DateTimeOffset.UtcNow.AddMinutes(1))
            .WaitAsync(TimeSpan.FromSeconds(30), ct);

        Assert.Equal("response", outcome.Kind);
        Assert.Equal("""{"batchItemFailures":[{"itemIdentifier":"b"}]}""", outcome.Body);
    }

    [Fact]
    public async Task Fifo_source_stops_at_the_first_failure()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeRuntimeApi.StartAsync(ct);
        using var loop = Run(api, Handler((m, _) => m.Body == "bad" ? throw new InvalidOperationException() : Task.CompletedTask));

        var outcome = await api.InvokeAsync("req-f", SqsEvents.Batch(QueueArn + ".fifo", ("a", "ok"), ("b", "bad"), ("c", "ok")), DateTimeOffset.UtcNow.AddMinutes(1))
            .WaitAsync(TimeSpan.FromSeconds(30), ct);

        Assert.Equal("""{"batchItemFailures":[{"itemIdentifier":"b"},{"itemIdentifier":"c"}]}""", outcome.Body);
    }

    [Fact]
    public async Task Invocation_that_throws_is_reported_to_the_error_endpoint_and_the_loop_goes_on()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeRuntimeApi.StartAsync(ct);
        using var loop = Run(api, Handler((_, _) => Task.CompletedTask));

        var error = await api.InvokeAsync("req-2", "{ this is not an SQS event", DateTimeOffset.UtcNow.AddMinutes(1)).WaitAsync(TimeSpan.FromSeconds(30), ct);
        var next = await api.InvokeAsync("req-3", SqsEvents.Batch(QueueArn, ("a", "ok")), DateTimeOffset.UtcNow.AddMinutes(1)).WaitAsync(TimeSpan.FromSeconds(30), ct);

        Assert.Equal("error", error.Kind);
        Assert.StartsWith("Runtime.", error.ErrorType, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(error.Body);
        Assert.Contains("Exception", document.RootElement.GetProperty("errorType").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(document.RootElement.GetProperty("errorMessage").GetString()));
        Assert.Equal(("response", """{"batchItemFailures":[]}"""), (next.Kind, next.Body));
    }

    [Fact]
    public async Task Invocation_past_its_deadline_is_cancelled_a_margin_before_it_and_reports_its_unfinished_messages_in_time()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeRuntimeApi.StartAsync(ct);
        // A margin wide enough that a busy machine reports well inside it (a 500 ms margin broke under load): the
        // handler's token is cancelled 1 s in, the report is due 5 s later.
        var margin = TimeSpan.FromSeconds(5);
        var cancelledAt = new ConcurrentQueue<DateTimeOffset>();
        using var loop = Run(api, Handler(async (m, token) =>
        {
            if (m.Body == "slow")
            {
                using var noted = token.Register(() => cancelledAt.Enqueue(DateTimeOffset.UtcNow));
                await Task.Delay(Timeout.Infinite, token);
            }
        }), _ => true, TimeSpan.Zero, margin);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(6);

        var outcome = await api.InvokeAsync("req-4", SqsEvents.Batch(QueueArn, ("fast", "ok"), ("s1", "slow"), ("s2", "slow")), deadline)
            .WaitAsync(TimeSpan.FromSeconds(30), ct);

        Assert.Equal("response", outcome.Kind);
        var failed = JsonSerializer.Deserialize(outcome.Body, TestJsonContext.Default.SqsBatchResponse)!.BatchItemFailures.Select(f => f.ItemIdentifier);
        Assert.Equal(["s1", "s2"], failed.Order());
        // Not cut short (the handler had until the deadline less the margin; timers never fire early, the deadline header
        // has millisecond resolution), and reported before the deadline.
        Assert.NotEmpty(cancelledAt);
        Assert.All(cancelledAt, at => Assert.True(at >= deadline - margin - TimeSpan.FromMilliseconds(20), $"cancelled at {at:O}, before the deadline {deadline:O} less the margin"));
        Assert.True(outcome.At < deadline, $"reported at {outcome.At:O}, deadline {deadline:O}");
    }

    [Fact]
    public async Task Handler_that_ignores_its_deadline_gets_a_timeout_error()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeRuntimeApi.StartAsync(ct);
        using var loop = Run(api, new RawHandler(async token => await Task.Delay(Timeout.Infinite, token)));

        var outcome = await api.InvokeAsync("req-5", "{}", DateTimeOffset.UtcNow.AddSeconds(1)).WaitAsync(TimeSpan.FromSeconds(30), ct);

        Assert.Equal(("error", "Runtime.Timeout"), (outcome.Kind, outcome.ErrorType));
    }

    [Fact]
    public async Task Trace_header_is_exposed_and_continued_by_the_receive_span()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeRuntimeApi.StartAsync(ct);
        var seen = new TaskCompletionSource<(string? Env, string? TraceId, string? Parent)>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ProcessorDiagnostics.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var loop = Run(api, Handler((_, _) =>
        {
            var receive = Activity.Current;
            seen.TrySetResult((Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID"), receive?.TraceId.ToHexString(), receive?.ParentSpanId.ToHexString()));
            return Task.CompletedTask;
        }));
        const string header = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

        await api.InvokeAsync("req-6", SqsEvents.Batch(QueueArn, ("a", "ok")), DateTimeOffset.UtcNow.AddMinutes(1), header).WaitAsync(TimeSpan.FromSeconds(30), ct);

        var (env, traceId, parent) = await seen.Task.WaitAsync(TimeSpan.FromSeconds(5), ct);
        Assert.Equal(header, env);
        Assert.Equal(("5759e988bd862e3fe1be46a994272793", "53995c3f42cd8ad8"), (traceId, parent));
    }

    [Theory]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1", true)]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=0", false)]
    [InlineData("Root=1-zzzzzzzz-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8", false)]
    [InlineData("garbage", false)]
    [InlineData("", false)]
    public void XRay_header_parses_only_when_complete(string header, bool valid)
    {
        Assert.Equal(valid, XRayTraceHeader.TryParse(header, out var context));
        if (valid)
        {
            Assert.Equal(ActivityTraceFlags.Recorded, context.TraceFlags);
        }
    }

    [Fact]
    public async Task Buffered_spans_are_exported_after_each_response_and_error_before_the_next_invocation()
    {
        var ct = TestContext.Current.CancellationToken;
        var exported = new ConcurrentQueue<Activity>();
        // A batch processor that would wait an hour on its own: only a flush gets the spans out in time.
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(ProcessorDiagnostics.Name)
            .AddProcessor(new BatchActivityExportProcessor(new RecordingExporter(exported), scheduledDelayMilliseconds: 3_600_000))
            .Build()!;
        using var services = new ServiceCollection().AddSingleton(tracing).BuildServiceProvider();
        await using var api = await FakeRuntimeApi.StartAsync(ct);
        var handler = new SpanThenHandler(Handler((_, _) => Task.CompletedTask));
        using var loop = Run(api, handler, budget => TelemetryFlush.ForceFlush(services, budget), TimeSpan.FromSeconds(10));

        var ok = await api.InvokeAsync("flush-ok", SqsEvents.Batch(QueueArn, ("a", "ok")), DateTimeOffset.UtcNow.AddMinutes(1)).WaitAsync(TimeSpan.FromSeconds(30), ct);
        var failed = await api.InvokeAsync("flush-throw", "{}", DateTimeOffset.UtcNow.AddMinutes(1)).WaitAsync(TimeSpan.FromSeconds(30), ct);
        // The loop flushes before it asks for the next invocation: once this one is answered, both flushes are done.
        await api.InvokeAsync("flush-after", SqsEvents.Batch(QueueArn), DateTimeOffset.UtcNow.AddMinutes(1)).WaitAsync(TimeSpan.FromSeconds(30), ct);

        Assert.Equal(("response", "error"), (ok.Kind, failed.Kind));
        var invocations = exported.Select(span => span.GetTagItem("faas.invocation_id") as string).ToList();
        Assert.Contains("flush-ok", invocations);
        Assert.Contains("flush-throw", invocations);
    }

    [Fact]
    public async Task Telemetry_flush_gets_its_limit_or_what_is_left_of_the_deadline_whichever_is_less()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeRuntimeApi.StartAsync(ct);
        var budgets = new ConcurrentQueue<TimeSpan>();
        // The runtime's clock stands still (at a whole millisecond, the deadline header's resolution): what is left of a
        // deadline is exactly what the invocation was given, however long the machine takes.
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        using var loop = Run(api, Handler((_, _) => Task.CompletedTask), budget =>
        {
            budgets.Enqueue(budget);
            return true;
        }, TimeSpan.FromMinutes(5), TimeSpan.FromMilliseconds(500), time);

        await api.InvokeAsync("near", SqsEvents.Batch(QueueArn, ("a", "ok")), time.GetUtcNow().AddSeconds(20)).WaitAsync(TimeSpan.FromSeconds(30), ct);
        await api.InvokeAsync("far", SqsEvents.Batch(QueueArn, ("b", "ok")), time.GetUtcNow().AddHours(1)).WaitAsync(TimeSpan.FromSeconds(30), ct);
        await api.InvokeAsync("past", SqsEvents.Batch(QueueArn, ("c", "ok")), time.GetUtcNow().AddSeconds(-1)).WaitAsync(TimeSpan.FromSeconds(30), ct);
        await api.InvokeAsync("last", SqsEvents.Batch(QueueArn), time.GetUtcNow().AddHours(1)).WaitAsync(TimeSpan.FromSeconds(30), ct);

        Assert.Equal([TimeSpan.FromSeconds(20), TimeSpan.FromMinutes(5), TimeSpan.Zero], budgets.Take(3));
    }

    private static RunningLoop Run(FakeRuntimeApi api, IInvocationHandler handler) =>
        Run(api, handler, _ => true, TimeSpan.Zero);

    private static RunningLoop Run(
        FakeRuntimeApi api, IInvocationHandler handler, Func<TimeSpan, bool> flush, TimeSpan flushLimit, TimeSpan? deadlineMargin = null, TimeProvider? time = null)
    {
        var cancel = new CancellationTokenSource();
        var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var runtime = new LambdaRuntime(
            new RuntimeApiClient(http, api.Address), handler, deadlineMargin ?? TimeSpan.FromMilliseconds(500), flush, flushLimit, time ?? TimeProvider.System, NullLogger<LambdaRuntime>.Instance);
        return new RunningLoop(runtime.RunAsync(cancel.Token), cancel, http);
    }

    /// <summary>The SQS handler for SQS events; for anything else, a span of its own and then an exception.</summary>
    private sealed class SpanThenHandler(SqsBatchInvocationHandler sqs) : IInvocationHandler
    {
        public Task<byte[]> InvokeAsync(LambdaInvocation invocation, CancellationToken cancellationToken)
        {
            if (invocation.Payload.AsSpan().SequenceEqual("{}"u8))
            {
                using var activity = ProcessorDiagnostics.Source.StartActivity("failing");
                activity?.SetTag("faas.invocation_id", invocation.RequestId);
                throw new InvalidOperationException("this invocation fails");
            }

            return sqs.InvokeAsync(invocation, cancellationToken);
        }
    }

    private sealed class RecordingExporter(ConcurrentQueue<Activity> exported) : BaseExporter<Activity>
    {
        public override ExportResult Export(in Batch<Activity> batch)
        {
            foreach (var activity in batch)
            {
                exported.Enqueue(activity);
            }

            return ExportResult.Success;
        }
    }

    private static SqsBatchInvocationHandler Handler(Func<QueueMessage, CancellationToken, Task> script) =>
        new(new BatchProcessor(new ScriptedHandler(script), 4, NullLogger<BatchProcessor>.Instance));

    private sealed class ScriptedHandler(Func<QueueMessage, CancellationToken, Task> script) : IMessageHandler
    {
        public Task HandleAsync(QueueMessage message, CancellationToken cancellationToken) => script(message, cancellationToken);
    }

    private sealed class RawHandler(Func<CancellationToken, Task> script) : IInvocationHandler
    {
        public async Task<byte[]> InvokeAsync(LambdaInvocation invocation, CancellationToken cancellationToken)
        {
            await script(cancellationToken);
            return [];
        }
    }
}
