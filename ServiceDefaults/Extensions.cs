using FilePipeline.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every FilePipeline service shares, in the shape of the Aspire template's ServiceDefaults project:
/// OpenTelemetry (traces, metrics, logs over OTLP from the standard <c>OTEL_*</c> settings) and health checks.
/// AWS clients come from <see cref="AwsClientExtensions.AddAwsClient{T}"/>.
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
    /// Traces from every <c>FilePipeline.*</c> source, ASP.NET Core (health probes left out), HttpClient and the AWS
    /// SDK; metrics from every <c>FilePipeline.*</c> meter, ASP.NET Core, HttpClient, the runtime and the AWS SDK; logs
    /// with their trace and span ids. Spans are always recorded (the processor stores each file's trace id in its
    /// record), but telemetry leaves the process only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. Without it there
    /// is no exporter (so none can log errors), and no metric or log pipeline either: they would only feed it, and
    /// they cost a Lambda cold start about a sixth more CPU (docs/telemetry.md). <c>OTEL_SDK_DISABLED=true</c> turns
    /// all of it off.
    /// </summary>
    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddPipelineTelemetry(OtlpExport.From(builder.Configuration), builder.Environment.ApplicationName, IsWebHost(builder));
        return builder;
    }

    /// <summary>
    /// What <see cref="ConfigureOpenTelemetry{TBuilder}"/> registers, for a container without a host (the Lambda
    /// bootstrap when it exports): the same resource, sources, meters, log options and exporter. Without a host nothing
    /// starts the providers: resolve <see cref="TracerProvider"/> and <see cref="MeterProvider"/> from the container.
    /// </summary>
    public static IServiceCollection AddPipelineTelemetry(this IServiceCollection services, OtlpExport export, string serviceName, bool webHost)
    {
        ArgumentNullException.ThrowIfNull(export);
        if (export.SdkDisabled)
        {
            return services;
        }

        AwsSdkTelemetry.Register();
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddPipelineService(serviceName))
            .WithTracing(tracing => tracing.AddPipelineTracing(serviceName, webHost));

        if (export.Enabled)
        {
            services.AddLogging(logging => logging.AddOpenTelemetry(options =>
            {
                options.IncludeFormattedMessage = true;
                options.IncludeScopes = true;
            }));
            telemetry
                .WithMetrics(metrics => metrics
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddPipelineMeters())
                .UseOtlpExporter(export);
        }

        return services;
    }

    /// <summary>
    /// The traces <see cref="ConfigureOpenTelemetry{TBuilder}"/> records, for a process without a host or container (the
    /// Lambda bootstrap, whose cold start dependency injection would double): the same sources and instrumentation, no
    /// exporter. Null when <c>OTEL_SDK_DISABLED=true</c>. A process that exports (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>)
    /// uses <see cref="AddPipelineTelemetry"/>, which also sets up metrics, logs and the exporter.
    /// </summary>
    public static TracerProvider? CreateTracerProvider(OtlpExport export, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(export);
        if (export.SdkDisabled)
        {
            return null;
        }

        if (export.Enabled)
        {
            throw new InvalidOperationException("Telemetry is exported (OTEL_EXPORTER_OTLP_ENDPOINT): configure it with AddPipelineTelemetry.");
        }

        AwsSdkTelemetry.Register();
        return Sdk.CreateTracerProviderBuilder()
            .ConfigureResource(resource => resource.AddPipelineService(serviceName))
            .AddPipelineTracing(serviceName, webHost: false)
            .Build();
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

    /// <summary>Every service's traces: its own source, ASP.NET Core on a web host (health probes left out), HttpClient, ours and the AWS SDK's.</summary>
    private static TracerProviderBuilder AddPipelineTracing(this TracerProviderBuilder tracing, string serviceName, bool webHost)
    {
        tracing.AddSource(serviceName);
        if (webHost)
        {
            tracing.AddAspNetCoreInstrumentation(options => options.Filter = context => !IsHealthProbe(context.Request.Path));
        }

        return tracing.AddHttpClientInstrumentation().AddPipelineSources();
    }

    /// <summary>
    /// A host with a server (a web app, the worker serving its health endpoints). The Lambda host has none, and the
    /// ASP.NET Core instrumentation's subscriptions cost its cold start a seventh more CPU for spans it never makes.
    /// </summary>
    private static bool IsWebHost(IHostApplicationBuilder builder) =>
        builder.Services.Any(service => service.ServiceType == typeof(Microsoft.AspNetCore.Hosting.Server.IServer));

    /// <summary>Probes would drown the pipeline's traces: their server spans are not recorded.</summary>
    private static bool IsHealthProbe(PathString path) =>
        path.StartsWithSegments(HealthEndpointPath, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(AlivenessEndpointPath, StringComparison.OrdinalIgnoreCase);
}
