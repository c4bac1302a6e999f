using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace FilePipeline.Telemetry;

/// <summary>Names every FilePipeline service and the hosts it runs in agree on.</summary>
public static class PipelineTelemetry
{
    /// <summary>Every <c>ActivitySource</c> and <c>Meter</c> named <c>FilePipeline.*</c> is exported.</summary>
    public const string SourceWildcard = "FilePipeline.*";

    /// <summary>Activity sources the .NET runtime and ASP.NET Core emit natively (no instrumentation package needed).</summary>
    public static readonly IReadOnlyList<string> FrameworkActivitySources = ["Microsoft.AspNetCore", "System.Net.Http"];

    /// <summary>Meters the .NET runtime, ASP.NET Core and Kestrel emit natively.</summary>
    public static readonly IReadOnlyList<string> FrameworkMeters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics",
        "System.Net.Http",
        "System.Net.NameResolution",
        "System.Runtime",
    ];

    /// <summary>Every activity source a FilePipeline process exports: ours, the AWS SDK's and the framework's.</summary>
    public static TracerProviderBuilder AddPipelineSources(this TracerProviderBuilder tracing) =>
        tracing
            .AddSource(SourceWildcard)
            .AddSource(AwsSdkTelemetry.ScopeWildcard)
            .AddSource([.. FrameworkActivitySources]);

    /// <summary>Every meter a FilePipeline process exports: ours, the AWS SDK's and the framework's.</summary>
    public static MeterProviderBuilder AddPipelineMeters(this MeterProviderBuilder metrics) =>
        metrics
            .AddMeter(SourceWildcard)
            .AddMeter(AwsSdkTelemetry.ScopeWildcard)
            .AddMeter([.. FrameworkMeters]);

    /// <summary>The <c>service.*</c> resource attributes: <c>OTEL_*</c>'s name and instance id, else <paramref name="defaultServiceName"/> and a generated id.</summary>
    public static ResourceBuilder AddPipelineService(this ResourceBuilder resource, OtlpExport export, string defaultServiceName)
    {
        ArgumentNullException.ThrowIfNull(export);
        return resource.AddService(
            serviceName: export.ServiceName ?? defaultServiceName,
            serviceInstanceId: export.ServiceInstanceId,
            autoGenerateServiceInstanceId: export.ServiceInstanceId is null);
    }

    /// <summary>
    /// OTLP over HTTP/protobuf unless <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> says otherwise (the specification's default;
    /// the .NET exporter's own would be gRPC).
    /// </summary>
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
