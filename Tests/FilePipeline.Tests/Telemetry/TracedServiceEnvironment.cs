using FilePipeline.Telemetry;
using FilePipeline.Tests.Emulator;
using FilePipeline.Tests.Processor;

namespace FilePipeline.Tests.Telemetry;

/// <summary>
/// The environment of a product service (worker, viewer) wired to moto's bucket, queue and table and exporting to an
/// in-test OTLP receiver, with the SDK's batching shortened so that signals arrive within a test's patience.
/// </summary>
internal static class TracedServiceEnvironment
{
    public static Dictionary<string, string> For(
        MotoFixture moto, ProcessorResources aws, QueueResources queues, OtlpReceiver receiver, string serviceName, TimeSpan metricInterval) =>
        new(moto.Emulator.ClientEnvironment())
        {
            ["AWS_ACCESS_KEY_ID"] = "test",
            ["AWS_SECRET_ACCESS_KEY"] = "test",
            ["AWS__Resources__BucketName"] = aws.Bucket,
            ["AWS__Resources__QueueUrl"] = queues.QueueUrl,
            ["AWS__Resources__DeadLetterQueueUrl"] = queues.DeadLetterQueueUrl,
            ["AWS__Resources__TableName"] = aws.Table,
            ["Processor__WaitTimeSeconds"] = "1",
            [OtlpExport.EndpointKey] = receiver.Endpoint.ToString(),
            [OtlpExport.ServiceNameKey] = serviceName,
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = ((int)metricInterval.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
}
