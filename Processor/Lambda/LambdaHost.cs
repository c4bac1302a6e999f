using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using Amazon.DynamoDBv2;
using Amazon.S3;
using FilePipeline.FileRecords;
using FilePipeline.Processor.Documents;
using FilePipeline.Processor.Handling;
using FilePipeline.Processor.Validation;
using FilePipeline.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace FilePipeline.Processor.Lambda;

/// <summary>
/// The Lambda bootstrap's object graph, built by hand: configuration from the environment, options bound by the
/// configuration source generator and checked by their validators, one console logger, ServiceDefaults' traces, the
/// AWS clients from ServiceDefaults' one place, and the same handler classes the worker runs. No generic host and no
/// dependency injection container: in a Native AOT binary the container builds the generic types it resolves at run
/// time, which was more than half of the start to the first <c>/invocation/next</c> (docs/benchmarks.md, lambda).
/// When telemetry is exported (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>) the providers come from ServiceDefaults'
/// <see cref="Microsoft.Extensions.Hosting.Extensions.AddPipelineTelemetry"/> in a container of their own (traces,
/// metrics, logs and the exporter, as the worker's host registers them); the rest of the graph is the same.
/// </summary>
internal sealed class LambdaHost : IDisposable
{
    private readonly ILoggerFactory _loggers;
    private readonly List<IDisposable> _owned = [];
    private readonly TracerProvider? _tracing;
    private readonly ServiceProvider? _telemetry;

    private LambdaHost(ILoggerFactory loggers, TracerProvider? tracing, ServiceProvider? telemetry)
    {
        _loggers = loggers;
        _tracing = tracing;
        _telemetry = telemetry;
    }

    public LambdaRuntime Runtime { get; private set; } = null!;

    public static LambdaHost Create(IConfiguration configuration, string runtimeApi, LambdaHandler handler)
    {
        var options = new ProcessorOptions();
        configuration.GetSection(ProcessorOptions.Section).Bind(options);
        if (new ProcessorOptionsValidator().Validate(Options.DefaultName, options) is { Failed: true } invalid)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(ProcessorOptions), invalid.Failures);
        }

        var console = new ConsoleLoggerProvider(
            new FixedOptionsMonitor<ConsoleLoggerOptions>(new() { FormatterName = SingleLineConsoleFormatter.FormatterName }), [new SingleLineConsoleFormatter()]);
        var export = OtlpExport.From(configuration);
        var serviceName = typeof(LambdaHost).Assembly.GetName().Name!;
        LambdaHost host;
        if (export.Enabled)
        {
            var telemetry = new ServiceCollection()
                .AddSingleton(configuration)
                .AddPipelineTelemetry(export, serviceName, webHost: false)
                .BuildServiceProvider();
            var loggers = telemetry.GetRequiredService<ILoggerFactory>();
            loggers.AddProvider(console);
            host = new LambdaHost(loggers, tracing: null, telemetry);
        }
        else
        {
            host = new LambdaHost(
                new LoggerFactory([console], new LoggerFilterOptions { MinLevel = LogLevel.Information }),
                Microsoft.Extensions.Hosting.Extensions.CreateTracerProvider(export, serviceName),
                telemetry: null);
        }

        try
        {
            // No host starts them: the tracer and meter providers begin listening when they are resolved.
            _ = host._telemetry?.GetRequiredService<TracerProvider>();
            _ = host._telemetry?.GetRequiredService<MeterProvider>();
            host.Runtime = host.Compose(configuration, options, runtimeApi, handler);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs the Runtime API loop until SIGTERM or SIGINT (Lambda sends SIGTERM when it shuts the sandbox down): true;
    /// false when the Runtime API failed a call (<see cref="LambdaRuntime.RunAsync"/>).
    /// </summary>
    public async Task<bool> RunAsync()
    {
        using var stop = new CancellationTokenSource();
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        return await Runtime.RunAsync(stop.Token);
    }

    public void Dispose()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            owned.Dispose();
        }

        if (_telemetry is not null)
        {
            _telemetry.Dispose(); // its logger factory, providers and exporters, the console logger with them
        }
        else
        {
            _tracing?.Dispose();
            _loggers.Dispose();
        }
    }

    private LambdaRuntime Compose(IConfiguration configuration, ProcessorOptions options, string runtimeApi, LambdaHandler handler)
    {
        var time = TimeProvider.System;
        var aws = configuration.GetAWSOptions();
        var api = new RuntimeApiClient(Own(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }), runtimeApi);
        IInvocationHandler invocations;
        if (handler == LambdaHandler.BucketNotification)
        {
            invocations = new BucketNotificationResource(
                Own(aws.CreateAwsClient<IAmazonS3>()),
                new CustomResourceResponder(Own(new HttpClient { Timeout = Timeout.InfiniteTimeSpan })),
                time,
                _loggers.CreateLogger<BucketNotificationResource>());
        }
        else
        {
            var resources = new ResourceOptions();
            configuration.GetSection(ResourceOptions.Section).Bind(resources);
            if (string.IsNullOrWhiteSpace(resources.TableName))
            {
                throw new OptionsValidationException(Options.DefaultName, typeof(ResourceOptions), [Extensions.TableNameRequired]);
            }

            var objects = new ObjectEventHandler(
                Own(aws.CreateAwsClient<IAmazonS3>()),
                new RecordStore(Own(aws.CreateAwsClient<IAmazonDynamoDB>()), resources.TableName),
                ValidationPolicy.From(options),
                _loggers.CreateLogger<ObjectEventHandler>(),
                time,
                resources.BucketName,
                DocumentLimits.From(options));
            invocations = new SqsBatchInvocationHandler(
                new BatchProcessor(Extensions.RateLimited(objects, options), options.MaxConcurrency, _loggers.CreateLogger<BatchProcessor>()));
        }

        return new LambdaRuntime(
            api,
            invocations,
            TimeSpan.FromMilliseconds(options.DeadlineMarginMilliseconds),
            budget => _telemetry is not null ? TelemetryFlush.ForceFlush(_telemetry, budget) : _tracing?.ForceFlush((int)budget.TotalMilliseconds) ?? true,
            TimeSpan.FromMilliseconds(options.TelemetryFlushMilliseconds),
            time,
            _loggers.CreateLogger<LambdaRuntime>());
    }

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    private sealed class FixedOptionsMonitor<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;

        public T Get(string? name) => value;

        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}
