using System.Diagnostics;
using System.Diagnostics.Metrics;
using FilePipeline.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace FilePipeline.Tests.Telemetry;

/// <summary>The service defaults against an in-test OTLP/HTTP receiver: what arrives, under which names.</summary>
public sealed partial class OtlpExportTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Spans_metrics_and_logs_of_a_host_arrive_over_OTLP_HTTP_in_one_trace()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var receiver = await OtlpReceiver.StartAsync(ct);
        var serviceName = $"telemetry-test-{Guid.NewGuid():N}";
        var marker = Guid.NewGuid().ToString("N");
        using var host = TelemetryTestHost.Build(new Dictionary<string, string?>
        {
            [OtlpExport.EndpointKey] = receiver.Endpoint.ToString(),
            [OtlpExport.ServiceNameKey] = serviceName,
        });
        await host.StartAsync(ct);

        using var source = new ActivitySource("FilePipeline.Test");
        using var meter = new Meter("FilePipeline.Test");
        var counter = meter.CreateCounter<long>($"filepipeline.test.{marker}");
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("FilePipeline.Test");
        string traceId;
        using (var span = source.StartActivity("test-stage", ActivityKind.Consumer))
        {
            Assert.NotNull(span);
            traceId = span.TraceId.ToHexString();
            span.SetTag("aws.s3.bucket", "bucket-" + marker);
            counter.Add(3, new KeyValuePair<string, object?>("status", "PROCESSED"));
            LogStage(logger, marker);
            using var http = new HttpClient();
            (await http.GetAsync(new Uri(receiver.Endpoint, "/ping"), ct)).EnsureSuccessStatusCode();
        }
        await host.StopAsync(ct);
        // As a process does on exit: disposing the host shuts the providers down, which exports what they still hold
        // (the metrics' final collection among it).
        host.Dispose();

        var stage = await receiver.WaitForAsync("the test span",
            r => r.Spans.FirstOrDefault(s => s.Name == "test-stage" && s.TraceId == traceId), Deadline, ct);
        Assert.Equal(serviceName, stage.ServiceName);
        Assert.Equal("FilePipeline.Test", stage.Scope);
        Assert.Equal("bucket-" + marker, stage.Attributes["aws.s3.bucket"]);

        var httpSpan = await receiver.WaitForAsync("the HttpClient span",
            r => r.Spans.FirstOrDefault(s => s.Scope == "System.Net.Http" && s.TraceId == traceId), Deadline, ct);
        Assert.Equal(stage.SpanId, httpSpan.ParentSpanId);

        var log = await receiver.WaitForAsync("the log line",
            r => r.Logs.FirstOrDefault(l => l.Body.Contains(marker, StringComparison.Ordinal)), Deadline, ct);
        Assert.Equal(serviceName, log.ServiceName);
        Assert.Equal("FilePipeline.Test", log.Category);
        Assert.Equal(traceId, log.TraceId);
        Assert.Equal(stage.SpanId, log.SpanId);

        var metric = await receiver.WaitForAsync("the test counter",
            r => r.Metrics.FirstOrDefault(m => m.Name == $"filepipeline.test.{marker}"), Deadline, ct);
        Assert.Equal(serviceName, metric.ServiceName);
        Assert.Contains(metric.PointAttributes, point => point.GetValueOrDefault("status") == "PROCESSED");
        await receiver.WaitForAsync("a runtime metric",
            r => r.Metrics.FirstOrDefault(m => m.ServiceName == serviceName && m.Scope == "System.Runtime"), Deadline, ct);
        Assert.Empty(receiver.Rejected);
    }

    [Fact]
    public async Task Without_an_endpoint_spans_are_recorded_but_nothing_is_exported_or_logged_as_an_error()
    {
        var ct = TestContext.Current.CancellationToken;
        var logs = new CollectingLoggerProvider();
        using var host = TelemetryTestHost.Build(new Dictionary<string, string?>(), logs);
        await host.StartAsync(ct);

        Assert.NotNull(host.Services.GetService<TracerProvider>());
        // No metric or log pipeline without an exporter to feed.
        Assert.Null(host.Services.GetService<MeterProvider>());
        Assert.Null(host.Services.GetService<LoggerProvider>());
        using (var source = new ActivitySource("FilePipeline.Test"))
        using (var span = source.StartActivity("test-stage"))
        {
            // The processor stores this id in the record, exported or not.
            Assert.NotNull(span);
            Assert.True(span.Recorded);
        }
        await host.StopAsync(ct);

        Assert.DoesNotContain(logs.Lines, line => line.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task OTEL_SDK_DISABLED_turns_telemetry_off_even_with_an_endpoint()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var receiver = await OtlpReceiver.StartAsync(ct);
        var disabled = $"disabled-{Guid.NewGuid():N}";
        using (var host = TelemetryTestHost.Build(new Dictionary<string, string?>
        {
            [OtlpExport.EndpointKey] = receiver.Endpoint.ToString(),
            [OtlpExport.ServiceNameKey] = disabled,
            [OtlpExport.SdkDisabledKey] = "true",
        }))
        {
            await host.StartAsync(ct);
            Assert.Null(host.Services.GetService<TracerProvider>());
            Assert.Null(host.Services.GetService<MeterProvider>());
            Assert.Null(host.Services.GetService<LoggerProvider>());
            await EmitAsync(host, disabled, receiver, ct);
            await host.StopAsync(ct);
        } // disposed: a host that exports would have sent everything it held by now

        // The same signals from a host that differs only in not being disabled do arrive: the receiver would have
        // seen the disabled host's, had it sent any.
        var control = $"control-{Guid.NewGuid():N}";
        using (var host = TelemetryTestHost.Build(new Dictionary<string, string?>
        {
            [OtlpExport.EndpointKey] = receiver.Endpoint.ToString(),
            [OtlpExport.ServiceNameKey] = control,
        }))
        {
            await host.StartAsync(ct);
            await EmitAsync(host, control, receiver, ct);
            await host.StopAsync(ct);
        }

        await receiver.WaitForAsync("the control host's span", r => r.Spans.FirstOrDefault(s => s.Name == "test-stage-" + control), Deadline, ct);
        await receiver.WaitForAsync("the control host's log", r => r.Logs.FirstOrDefault(l => l.Body.Contains(control, StringComparison.Ordinal)), Deadline, ct);
        await receiver.WaitForAsync("the control host's counter", r => r.Metrics.FirstOrDefault(m => m.Name == "filepipeline.test." + control), Deadline, ct);
        Assert.DoesNotContain(receiver.Spans, s => s.ServiceName == disabled || s.Name == "test-stage-" + disabled);
        Assert.DoesNotContain(receiver.Metrics, m => m.ServiceName == disabled || m.Name == "filepipeline.test." + disabled);
        Assert.DoesNotContain(receiver.Logs, l => l.ServiceName == disabled || l.Body.Contains(disabled, StringComparison.Ordinal));
    }

    [Fact]
    public void Service_name_comes_from_OTEL_SERVICE_NAME_then_OTEL_RESOURCE_ATTRIBUTES_then_the_application()
    {
        static IReadOnlyDictionary<string, object> Resource(Dictionary<string, string?> settings)
        {
            using var host = TelemetryTestHost.Build(settings);
            return host.Services.GetRequiredService<TracerProvider>().GetResource().Attributes.ToDictionary(a => a.Key, a => a.Value);
        }

        var fromAttributes = Resource(new()
        {
            [OtlpExport.ResourceAttributesKey] = "deployment.environment=local, service.name=file%20viewer,service.instance.id=i-1,broken",
        });
        Assert.Equal("file viewer", fromAttributes["service.name"]);
        Assert.Equal("i-1", fromAttributes["service.instance.id"]);
        Assert.Equal("local", fromAttributes["deployment.environment"]);

        var both = Resource(new()
        {
            [OtlpExport.ServiceNameKey] = "processor",
            [OtlpExport.ResourceAttributesKey] = "service.name=ignored",
        });
        Assert.Equal("processor", both["service.name"]);
        Assert.False(string.IsNullOrEmpty(both["service.instance.id"] as string));

        var neither = Resource(new());
        Assert.Equal("FilePipeline.TelemetryTests", neither["service.name"]);
        Assert.True(OtlpExport.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [OtlpExport.EndpointKey] = "http://localhost:4318",
        }).Build()).Enabled);
    }

    /// <summary>A span (with an HttpClient call in it), a counter and a log line, each named for <paramref name="marker"/>.</summary>
    private static async Task EmitAsync(IHost host, string marker, OtlpReceiver receiver, CancellationToken ct)
    {
        using var source = new ActivitySource("FilePipeline.Test");
        using var meter = new Meter("FilePipeline.Test");
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("FilePipeline.Test");
        using (source.StartActivity("test-stage-" + marker))
        {
            meter.CreateCounter<long>("filepipeline.test." + marker).Add(1);
            LogStage(logger, marker);
            using var http = new HttpClient();
            (await http.GetAsync(new Uri(receiver.Endpoint, "/ping"), ct)).EnsureSuccessStatusCode();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stage ran for {Marker}")]
    private static partial void LogStage(ILogger logger, string marker);
}
