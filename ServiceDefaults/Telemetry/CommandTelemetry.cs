using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace FilePipeline.Telemetry;

/// <summary>
/// OpenTelemetry for a command-line program that has no host (the operator command line): the same sources, meters,
/// resource and <c>OTEL_*</c> settings as <c>ConfigureOpenTelemetry</c>, one span per command, and everything
/// flushed before the process exits. Spans are always recorded (an upload stores its trace context in the
/// object) but leave the process only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; <c>OTEL_SDK_DISABLED=true</c>
/// turns all of it off.
/// </summary>
public sealed partial class CommandTelemetry : IDisposable
{
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(5);

    private readonly TracerProvider? _tracing;
    private readonly MeterProvider? _metrics;
    private readonly ILoggerFactory? _logs;

    private CommandTelemetry(TracerProvider? tracing, MeterProvider? metrics, ILoggerFactory? logs)
    {
        _tracing = tracing;
        _metrics = metrics;
        _logs = logs;
    }

    /// <summary>Loggers whose records go out over OTLP (none when export is off).</summary>
    public ILoggerFactory LoggerFactory => _logs ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;

    /// <summary>Starts the providers from the environment's <c>OTEL_*</c> settings, as service <paramref name="defaultServiceName"/> unless they name one.</summary>
    public static CommandTelemetry Start(string defaultServiceName, IConfiguration? configuration = null)
    {
        configuration ??= new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var export = OtlpExport.From(configuration);
        if (export.SdkDisabled)
        {
            return new CommandTelemetry(null, null, null);
        }

        void Resource(ResourceBuilder resource) => resource.AddPipelineService(defaultServiceName);
        void Protocol(OtlpExporterOptions options) => options.UseDefaultProtocol(export);

        AwsSdkTelemetry.Register();
        var tracing = Sdk.CreateTracerProviderBuilder()
            .ConfigureResource(Resource)
            .AddHttpClientInstrumentation()
            .AddPipelineSources();
        if (!export.Enabled)
        {
            return new CommandTelemetry(tracing.Build(), null, null);
        }

        var metrics = Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(Resource)
            .AddHttpClientInstrumentation()
            .AddRuntimeInstrumentation()
            .AddPipelineMeters()
            .AddOtlpExporter(Protocol)
            .Build();
        var logs = Microsoft.Extensions.Logging.LoggerFactory.Create(logging => logging.AddOpenTelemetry(options =>
        {
            var resource = ResourceBuilder.CreateDefault();
            Resource(resource);
            options.SetResourceBuilder(resource);
            options.IncludeFormattedMessage = true;
            options.AddOtlpExporter(Protocol);
        }));
        return new CommandTelemetry(tracing.AddOtlpExporter(Protocol).Build(), metrics, logs);
    }

    /// <summary>
    /// Runs <paramref name="body"/> inside a span named <paramref name="command"/> on <paramref name="source"/>,
    /// with telemetry started before and flushed after; the exit code and any exception are recorded on the span.
    /// </summary>
    public static async Task<int> RunAsync(string defaultServiceName, ActivitySource source, string command, Func<Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(body);
        using var telemetry = Start(defaultServiceName);
        var logger = telemetry.LoggerFactory.CreateLogger(source.Name);
        var clock = Stopwatch.StartNew();
        using (var activity = source.StartActivity(command, ActivityKind.Internal))
        {
            activity?.SetTag("process.command", command);
            try
            {
                var exitCode = await body();
                Finished(logger, command, exitCode, clock.Elapsed.TotalSeconds);
                activity?.SetTag("process.exit.code", exitCode);
                if (exitCode != 0)
                {
                    activity?.SetStatus(ActivityStatusCode.Error, $"exit code {exitCode}");
                }

                return exitCode;
            }
            catch (Exception e)
            {
                Failed(logger, e, command);
                activity?.AddException(e);
                activity?.SetStatus(ActivityStatusCode.Error, e.Message);
                throw;
            }
        }
    }

    /// <summary>Exports what is still buffered (bounded), then shuts the providers down.</summary>
    public void Dispose()
    {
        var budget = Stopwatch.StartNew();
        int Remaining() => (int)Math.Max(0, (FlushTimeout - budget.Elapsed).TotalMilliseconds);
        _tracing?.ForceFlush(Remaining());
        _metrics?.ForceFlush(Remaining());
        _logs?.Dispose();
        _tracing?.Shutdown(Remaining());
        _metrics?.Shutdown(Remaining());
        _tracing?.Dispose();
        _metrics?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Command} finished with exit code {ExitCode} in {Seconds:0.00} s")]
    private static partial void Finished(ILogger logger, string command, int exitCode, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Command} failed")]
    private static partial void Failed(ILogger logger, Exception exception, string command);
}
