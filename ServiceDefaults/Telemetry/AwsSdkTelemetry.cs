using System.Collections.Concurrent;
using System.Diagnostics;
using Amazon;
using Amazon.Runtime.Telemetry;
using Amazon.Runtime.Telemetry.Tracing;
using SdkMetrics = Amazon.Runtime.Telemetry.Metrics;

namespace FilePipeline.Telemetry;

/// <summary>
/// AWSSDK.Core 4 traces and measures every call through its own telemetry abstraction, which does nothing by
/// default (<c>OpenTelemetry.Instrumentation.AWS</c>, absent from the NuGet copy, is what normally plugs it in).
/// This bridge turns the SDK's spans into <see cref="Activity"/>s and its instruments into
/// <see cref="System.Diagnostics.Metrics"/> instruments, one <see cref="ActivitySource"/> and one
/// <see cref="System.Diagnostics.Metrics.Meter"/> per SDK scope (<c>AWSSDK.S3</c>, <c>AWSSDK.DynamoDBv2</c>, …),
/// with the SDK's own <c>rpc.*</c>/<c>aws.*</c> attributes and <c>client.call.*</c> metrics.
/// </summary>
public static class AwsSdkTelemetry
{
    /// <summary>The SDK names its tracer and meter scopes <c>AWSSDK.&lt;service&gt;</c>.</summary>
    public const string ScopeWildcard = TelemetryConstants.TelemetryScopePrefix + ".*";

    private static int s_registered;

    /// <summary>Plugs the bridge into <see cref="AWSConfigs.TelemetryProvider"/> (process-wide, once).</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref s_registered, 1) == 0)
        {
            AWSConfigs.TelemetryProvider.RegisterTracerProvider(new ActivityTracerProvider());
            AWSConfigs.TelemetryProvider.RegisterMeterProvider(new DiagnosticsMeterProvider());
        }
    }

    private static TagList Tags(Attributes? attributes)
    {
        var tags = new TagList();
        if (attributes is not null)
        {
            foreach (var attribute in attributes.AllAttributes)
            {
                tags.Add(attribute);
            }
        }
        return tags;
    }

    private sealed class DiagnosticsMeterProvider : SdkMetrics.MeterProvider
    {
        private readonly ConcurrentDictionary<string, DiagnosticsMeter> _meters = new(StringComparer.Ordinal);

        public override SdkMetrics.Meter GetMeter(string scope, Attributes? attributes = null) =>
            _meters.GetOrAdd(scope, static name => new DiagnosticsMeter(name));
    }

    private sealed class DiagnosticsMeter(string scope) : SdkMetrics.Meter
    {
        private readonly System.Diagnostics.Metrics.Meter _meter = new(scope);

        public override SdkMetrics.UpDownCounter<T> CreateUpDownCounter<T>(string name, string? units = null, string? description = null) =>
            new UpDownCounter<T>(_meter.CreateUpDownCounter<T>(name, units, description));

        public override SdkMetrics.MonotonicCounter<T> CreateMonotonicCounter<T>(string name, string? units = null, string? description = null) =>
            new Counter<T>(_meter.CreateCounter<T>(name, units, description));

        public override SdkMetrics.Histogram<T> CreateHistogram<T>(string name, string? units = null, string? description = null) =>
            new Histogram<T>(_meter.CreateHistogram<T>(name, units, description));

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _meter.Dispose();
            }
            base.Dispose(disposing);
        }
    }

    private sealed class UpDownCounter<T>(System.Diagnostics.Metrics.UpDownCounter<T> instrument) : SdkMetrics.UpDownCounter<T>
        where T : struct
    {
        public override void Add(T value, Attributes? attributes = null) => instrument.Add(value, Tags(attributes));
    }

    private sealed class Counter<T>(System.Diagnostics.Metrics.Counter<T> instrument) : SdkMetrics.MonotonicCounter<T>
        where T : struct
    {
        public override void Add(T value, Attributes? attributes = null) => instrument.Add(value, Tags(attributes));
    }

    private sealed class Histogram<T>(System.Diagnostics.Metrics.Histogram<T> instrument) : SdkMetrics.Histogram<T>
        where T : struct
    {
        public override void Record(T value, Attributes? attributes = null) => instrument.Record(value, Tags(attributes));
    }

    private sealed class ActivityTracerProvider : TracerProvider
    {
        private readonly ConcurrentDictionary<string, ActivityTracer> _tracers = new(StringComparer.Ordinal);

        public override Tracer GetTracer(string scope) => _tracers.GetOrAdd(scope, static name => new ActivityTracer(name));
    }

    private sealed class ActivityTracer(string scope) : Tracer
    {
        private readonly ActivitySource _source = new(scope);

        public override TraceSpan CreateSpan(string name, Attributes? initialAttributes = null, SpanKind spanKind = SpanKind.INTERNAL, SpanContext? parentContext = null)
        {
            var tags = initialAttributes is null ? null : new ActivityTagsCollection(initialAttributes.AllAttributes);
            var parent = parentContext is { IsValid: true }
                ? new ActivityContext(
                    ActivityTraceId.CreateFromString(parentContext.TraceId),
                    ActivitySpanId.CreateFromString(parentContext.SpanId),
                    ActivityTraceFlags.Recorded,
                    traceState: null,
                    isRemote: parentContext.IsRemote)
                : default;
            return new ActivitySpan(_source.StartActivity(name, Kind(spanKind), parent, tags));
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _source.Dispose();
            }
            base.Dispose(disposing);
        }

        private static ActivityKind Kind(SpanKind kind) => kind switch
        {
            SpanKind.CLIENT => ActivityKind.Client,
            SpanKind.SERVER => ActivityKind.Server,
            SpanKind.PRODUCER => ActivityKind.Producer,
            SpanKind.CONSUMER => ActivityKind.Consumer,
            _ => ActivityKind.Internal,
        };
    }

    private sealed class ActivitySpan : TraceSpan
    {
        private readonly Activity? _activity;

        public ActivitySpan(Activity? activity)
        {
            _activity = activity;
            Name = activity?.DisplayName;
        }

        private bool Recording => _activity is { IsAllDataRequested: true };

        public override void EmitEvent(string name, Attributes? attributes = null)
        {
            if (Recording)
            {
                _activity!.AddEvent(new ActivityEvent(name, tags: attributes is null ? null : new ActivityTagsCollection(attributes.AllAttributes)));
            }
        }

        public override void SetAttribute(string key, object value)
        {
            if (Recording)
            {
                _activity!.SetTag(key, value);
            }
        }

        public override void SetStatus(SpanStatus status)
        {
            if (Recording)
            {
                _activity!.SetStatus(status switch
                {
                    SpanStatus.OK => ActivityStatusCode.Ok,
                    SpanStatus.ERROR => ActivityStatusCode.Error,
                    _ => ActivityStatusCode.Unset,
                });
            }
        }

        public override void RecordException(Exception exception, Attributes? attributes = null)
        {
            if (Recording)
            {
                _activity!.AddException(exception, Tags(attributes));
                _activity.SetStatus(ActivityStatusCode.Error, exception.Message);
            }
        }

        public override void End() => _activity?.Stop();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _activity?.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
