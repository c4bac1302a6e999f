using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace FilePipeline.Telemetry;

/// <summary>Names and settings every FilePipeline service and the hosts it runs in agree on.</summary>
public static class PipelineTelemetry
{
    /// <summary>Every <c>ActivitySource</c> and <c>Meter</c> named <c>FilePipeline.*</c> is exported.</summary>
    public const string SourceWildcard = "FilePipeline.*";

    /// <summary>Our activity sources and the AWS SDK's (framework sources come from the instrumentation packages).</summary>
    public static TracerProviderBuilder AddPipelineSources(this TracerProviderBuilder tracing) =>
        tracing
            .AddSource(SourceWildcard)
            .AddSource(AwsSdkTelemetry.ScopeWildcard);

    /// <summary>Our meters and the AWS SDK's (framework meters come from the instrumentation packages).</summary>
    public static MeterProviderBuilder AddPipelineMeters(this MeterProviderBuilder metrics) =>
        metrics
            .AddMeter(SourceWildcard)
            .AddMeter(AwsSdkTelemetry.ScopeWildcard);

    /// <summary>
    /// <c>service.name</c> = <paramref name="defaultServiceName"/> and a generated <c>service.instance.id</c>, unless
    /// <c>OTEL_RESOURCE_ATTRIBUTES</c> or <c>OTEL_SERVICE_NAME</c> say otherwise (the SDK's detectors, applied last, win).
    /// </summary>
    public static ResourceBuilder AddPipelineService(this ResourceBuilder resource, string defaultServiceName) =>
        resource.Clear()
            .AddService(defaultServiceName)
            .AddTelemetrySdk()
            .AddEnvironmentVariableDetector();

    /// <summary>
    /// The OTLP exporter for every signal, over HTTP/protobuf unless <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> says otherwise
    /// (the specification's default; the .NET exporter's own would be gRPC). Timeout, headers and the rest come from
    /// the <c>OTEL_EXPORTER_OTLP_*</c> settings as usual.
    /// </summary>
    public static IOpenTelemetryBuilder UseOtlpExporter(this IOpenTelemetryBuilder telemetry, OtlpExport export)
    {
        ArgumentNullException.ThrowIfNull(export);
        return export.Protocol is null && export.Endpoint is not null
            ? telemetry.UseOtlpExporter(OtlpExportProtocol.HttpProtobuf, export.Endpoint)
            : telemetry.UseOtlpExporter();
    }

    /// <summary>The same protocol default for a signal-specific exporter (the command line's providers).</summary>
    public static void UseDefaultProtocol(this OtlpExporterOptions options, OtlpExport export)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(export);
        if (export.Protocol is null)
        {
            options.Protocol = OtlpExportProtocol.HttpProtobuf;
        }
    }
}
