using FilePipeline.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every FilePipeline service shares, in the shape of an Aspire ServiceDefaults project: OpenTelemetry
/// (traces, metrics, logs over OTLP from the standard <c>OTEL_*</c> settings) and health checks.
/// </summary>
public static class Extensions
{
    private const string HealthEndpointPath = "/health";
    private const string AlivenessEndpointPath = "/alive";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        return builder;
    }

    /// <summary>
    /// Traces from every <c>FilePipeline.*</c> source plus ASP.NET Core, HttpClient and the AWS SDK; metrics from
    /// every <c>FilePipeline.*</c> meter plus the runtime's, ASP.NET Core's, HttpClient's and the AWS SDK's; logs
    /// with their trace and span ids. Spans are always recorded (the processor stores each file's trace id in its
    /// record) but leave the process only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; without it no exporter
    /// exists, so none can log errors. <c>OTEL_SDK_DISABLED=true</c> turns all of it off.
    /// </summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var export = OtlpExport.From(builder.Configuration);
        if (export.SdkDisabled)
        {
            return builder;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddPipelineService(export, builder.Environment.ApplicationName));

        AwsSdkTelemetry.Register();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Transient<IStartupFilter, RequestTracingStartupFilter>());
        telemetry.WithTracing(tracing =>
        {
            tracing.AddPipelineSources();
            if (export.Enabled)
            {
                tracing.AddOtlpExporter(options => options.UseDefaultProtocol(export));
            }
        });

        if (export.Enabled)
        {
            telemetry.WithMetrics(metrics => metrics
                .AddPipelineMeters()
                .AddOtlpExporter(options => options.UseDefaultProtocol(export)));

            telemetry.WithLogging(
                logging => logging.AddOtlpExporter(options => options.UseDefaultProtocol(export)),
                options =>
                {
                    options.IncludeFormattedMessage = true;
                    options.IncludeScopes = true;
                });
        }
        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary><c>/health</c> (every check) and <c>/alive</c> (liveness only) on a web service.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthEndpointPath);
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("live"),
        });
        return app;
    }
}
