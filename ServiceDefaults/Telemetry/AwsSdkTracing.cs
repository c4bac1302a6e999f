using System.Collections.Concurrent;
using System.Diagnostics;
using Amazon;
using Amazon.Runtime.Telemetry;
using Amazon.Runtime.Telemetry.Tracing;

namespace FilePipeline.Telemetry;

/// <summary>
/// AWSSDK.Core 4 traces every call through its own telemetry abstraction, which does nothing by default
/// (<c>OpenTelemetry.Instrumentation.AWS</c>, absent from the NuGet copy, is what normally plugs it in). This
/// bridge turns the SDK's spans into <see cref="Activity"/>s on one <see cref="ActivitySource"/> per SDK scope
/// (<c>AWSSDK.S3</c>, <c>AWSSDK.DynamoDBv2</c>, …), with the SDK's own <c>rpc.*</c>/<c>aws.*</c> attributes.
/// </summary>
public static class AwsSdkTracing
{
    /// <summary>The SDK names its tracer scopes <c>AWSSDK.&lt;service&gt;</c>.</summary>
    public const string SourceWildcard = TelemetryConstants.TelemetryScopePrefix + ".*";

    private static int s_registered;

    /// <summary>Plugs the bridge into <see cref="AWSConfigs.TelemetryProvider"/> (process-wide, once).</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref s_registered, 1) == 0)
        {
            AWSConfigs.TelemetryProvider.RegisterTracerProvider(new ActivityTracerProvider());
        }
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
                _activity!.AddException(exception, attributes is null ? default : new TagList([.. attributes.AllAttributes]));
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
