using System.Diagnostics;
using System.Globalization;
using FilePipeline.Processor.Handling;
using FilePipeline.Processor.Telemetry;

namespace FilePipeline.Processor.Lambda;

/// <summary>
/// The thin Lambda adapter: an SQS event in, the batch through <see cref="BatchProcessor"/>, the failed ids out as
/// <see cref="SqsBatchResponse"/>. A FIFO source (ARN ending in <c>.fifo</c>) is processed in order.
/// </summary>
public sealed class SqsBatchInvocationHandler(BatchProcessor processor) : IInvocationHandler
{
    public async Task<byte[]> InvokeAsync(LambdaInvocation invocation, CancellationToken cancellationToken)
    {
        var sqsEvent = SqsEvent.Parse(invocation.Payload);
        var records = sqsEvent.Records ?? [];
        var queueArn = records.FirstOrDefault()?.EventSourceArn;
        var queueName = queueArn?[(queueArn.LastIndexOf(':') + 1)..];
        XRayTraceHeader.TryParse(invocation.TraceHeader, out var parent);
        using var activity = ProcessorDiagnostics.Source.StartActivity("receive", ActivityKind.Consumer, parent);
        activity?.SetTag("messaging.system", "aws_sqs");
        activity?.SetTag("messaging.operation.type", "receive");
        activity?.SetTag("messaging.destination.name", queueName);
        activity?.SetTag("messaging.batch.message_count", records.Count);
        activity?.SetTag("faas.invocation_id", invocation.RequestId);

        var messages = records.Select(record => new QueueMessage(
            record.MessageId,
            record.Body ?? "",
            ReceiveCount(record.Attributes),
            SentAt(record.Attributes),
            queueName)).ToList();
        var fifo = queueArn?.EndsWith(".fifo", StringComparison.Ordinal) == true;
        var failed = await processor.ProcessAsync(messages, fifo, cancellationToken);
        activity?.SetTag("filepipeline.failed_count", failed.Count);

        return new SqsBatchResponse([.. failed.Select(id => new BatchItemFailure(id))]).ToUtf8Json();
    }

    private static int ReceiveCount(IReadOnlyDictionary<string, string>? attributes) =>
        attributes?.GetValueOrDefault("ApproximateReceiveCount") is { } text
        && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : 1;

    private static DateTimeOffset? SentAt(IReadOnlyDictionary<string, string>? attributes) =>
        attributes?.GetValueOrDefault("SentTimestamp") is { } text
        && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
}
