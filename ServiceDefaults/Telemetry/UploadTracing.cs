using System.Diagnostics;

namespace FilePipeline.Telemetry;

/// <summary>
/// The span every uploader (viewer, <c>upload</c> verb, tests) opens around one object's PutObject. Its
/// <see cref="TraceMetadata"/> goes into the object, so the object's processing joins its trace: one trace per file.
/// </summary>
public static class UploadTracing
{
    public const string SpanName = "upload";

    /// <summary>
    /// Starts the upload span on <paramref name="source"/> (null when nothing listens to the source). By default it
    /// is the root of a new trace, linked to the activity that was current (an HTTP request that carried several
    /// files, a CLI command), so that each file has its own trace. Call it in the async method that uploads this one
    /// file: when the span ends, <see cref="Activity.Current"/> is empty until that method returns.
    /// </summary>
    public static Activity? StartUpload(ActivitySource source, string bucket, string key, long? size = null, bool newTrace = true)
    {
        ArgumentNullException.ThrowIfNull(source);
        var caller = Activity.Current;
        Activity? activity;
        if (newTrace && caller is not null)
        {
            Activity.Current = null;
            activity = source.StartActivity(ActivityKind.Producer, default(ActivityContext), links: [new ActivityLink(caller.Context)], name: SpanName);
            if (activity is null)
            {
                Activity.Current = caller;
            }
        }
        else
        {
            activity = source.StartActivity(SpanName, ActivityKind.Producer);
        }
        if (activity is not null)
        {
            activity.SetTag("rpc.system", "aws-api");
            activity.SetTag("rpc.service", "S3");
            activity.SetTag("rpc.method", "PutObject");
            activity.SetTag("aws.s3.bucket", bucket);
            activity.SetTag("aws.s3.key", key);
            if (size is { } bytes)
            {
                activity.SetTag("file.size", bytes);
            }
        }
        return activity;
    }
}
