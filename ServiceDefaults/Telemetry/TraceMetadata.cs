using System.Diagnostics;
using System.Globalization;

namespace FilePipeline.Telemetry;

/// <summary>
/// Carries a W3C trace context in an S3 object's user metadata (<c>x-amz-meta-traceparent</c>,
/// <c>x-amz-meta-tracestate</c>), so that the processor continues the trace the upload started.
/// Works on any metadata collection through a setter/getter, e.g. with the S3 SDK:
/// <code>
/// TraceMetadata.Inject(Activity.Current, (name, value) => putRequest.Metadata[name] = value);
/// TraceMetadata.TryExtract(name => headResponse.Metadata[name], out var parent);
/// </code>
/// </summary>
public static class TraceMetadata
{
    /// <summary>User-metadata name of the W3C <c>traceparent</c> (S3 sends it as <c>x-amz-meta-traceparent</c>).</summary>
    public const string TraceParentName = "traceparent";

    /// <summary>User-metadata name of the W3C <c>tracestate</c>, written only when the activity has one.</summary>
    public const string TraceStateName = "tracestate";

    /// <summary>The W3C <c>traceparent</c> of <paramref name="activity"/>: <c>00-{trace id}-{span id}-{flags}</c>.</summary>
    public static string TraceParent(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var flags = (activity.ActivityTraceFlags & ActivityTraceFlags.Recorded) != 0 ? "01" : "00";
        return string.Create(CultureInfo.InvariantCulture, $"00-{activity.TraceId.ToHexString()}-{activity.SpanId.ToHexString()}-{flags}");
    }

    /// <summary>Writes the trace context of <paramref name="activity"/>; does nothing (returns false) without one.</summary>
    public static bool Inject(Activity? activity, Action<string, string> setMetadata)
    {
        ArgumentNullException.ThrowIfNull(setMetadata);
        if (activity is null || activity.IdFormat != ActivityIdFormat.W3C)
        {
            return false;
        }
        setMetadata(TraceParentName, TraceParent(activity));
        if (activity.TraceStateString is { Length: > 0 } state)
        {
            setMetadata(TraceStateName, state);
        }
        return true;
    }

    /// <summary>
    /// Reads the trace context an upload stored. False when there is none or it is malformed: the caller then
    /// starts a new trace (linked to the queue message).
    /// </summary>
    public static bool TryExtract(Func<string, string?> getMetadata, out ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(getMetadata);
        var parent = getMetadata(TraceParentName);
        if (string.IsNullOrWhiteSpace(parent))
        {
            context = default;
            return false;
        }
        return ActivityContext.TryParse(parent.Trim(), getMetadata(TraceStateName), isRemote: true, out context);
    }
}
