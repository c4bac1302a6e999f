using System.Diagnostics;

namespace FilePipeline.Telemetry;

/// <summary>
/// The span every uploader (viewer, <c>upload</c> verb, tests) opens around one PutObject, so that the object's
/// <see cref="TraceMetadata"/> points at it and the processing of the object joins its trace.
/// </summary>
public static class UploadTracing
{
    public const string SpanName = "upload";

    /// <summary>Starts the upload span on <paramref name="source"/> (null when nothing listens to the source).</summary>
    public static Activity? StartUpload(ActivitySource source, string bucket, string key, long? size = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var activity = source.StartActivity(SpanName, ActivityKind.Producer);
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
