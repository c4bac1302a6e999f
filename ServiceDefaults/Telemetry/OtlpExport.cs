using Microsoft.Extensions.Configuration;

namespace FilePipeline.Telemetry;

/// <summary>
/// Whether and how telemetry leaves the process, read from the standard <c>OTEL_*</c> settings (environment
/// variables, or any other configuration source under the same keys).
/// Export happens only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set and <c>OTEL_SDK_DISABLED</c> is not <c>true</c>.
/// The service name and other resource attributes (<c>OTEL_SERVICE_NAME</c>, <c>OTEL_RESOURCE_ATTRIBUTES</c>) are the
/// SDK's to read.
/// </summary>
public sealed record OtlpExport(bool SdkDisabled, Uri? Endpoint, string? Protocol)
{
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ProtocolKey = "OTEL_EXPORTER_OTLP_PROTOCOL";
    public const string SdkDisabledKey = "OTEL_SDK_DISABLED";
    public const string ServiceNameKey = "OTEL_SERVICE_NAME";
    public const string ResourceAttributesKey = "OTEL_RESOURCE_ATTRIBUTES";

    /// <summary>True when spans, metrics and logs are sent to an OTLP endpoint.</summary>
    public bool Enabled => !SdkDisabled && Endpoint is not null;

    public static OtlpExport From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var disabled = bool.TryParse(configuration[SdkDisabledKey], out var value) && value;
        var endpoint = Uri.TryCreate(configuration[EndpointKey], UriKind.Absolute, out var uri) ? uri : null;
        var protocol = configuration[ProtocolKey] is { Length: > 0 } p ? p.Trim() : null;
        return new OtlpExport(disabled, endpoint, protocol);
    }
}
