using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FilePipeline.Processor.Telemetry;

/// <summary>
/// The processor's own instrumentation: one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named
/// <see cref="Name"/>. Spans per stage (<c>receive</c>, <c>process</c>, <c>head</c>, <c>scan</c>, <c>write</c>,
/// <c>delete</c>); instruments hold no per-batch state.
/// </summary>
public static class ProcessorDiagnostics
{
    public const string Name = "FilePipeline.Processor";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Files =
        Meter.CreateCounter<long>("filepipeline.files", "{file}", "Object events synced, by outcome: the status written, or current (the record already described the object).");

    public static readonly Histogram<double> ProcessingDuration =
        Meter.CreateHistogram<double>("filepipeline.processing.duration", "ms", "Time from receiving a message to its record being written.");

    public static readonly Histogram<double> QueueLag =
        Meter.CreateHistogram<double>("filepipeline.queue.lag", "ms", "Now minus the S3 event time, when processing starts.");

    public static readonly Histogram<int> BatchSize =
        Meter.CreateHistogram<int>("filepipeline.batch.size", "{message}", "Messages per received batch.");

    public static readonly Counter<long> Retries =
        Meter.CreateCounter<long>("filepipeline.retries", "{message}", "Messages handled again after an earlier failed receive.");

    /// <summary>Starts a stage span with the bucket and key, as a child of the current activity (at <paramref name="startTime"/> if given).</summary>
    public static Activity? StartStage(string name, string bucket, string key, ActivityKind kind = ActivityKind.Internal, DateTimeOffset startTime = default)
    {
        var activity = Source.StartActivity(kind, default, startTime: startTime, name: name);
        activity?.SetTag("aws.s3.bucket", bucket);
        activity?.SetTag("aws.s3.key", key);
        return activity;
    }

    /// <summary>Marks an activity failed with the exception's type and message.</summary>
    public static void Fail(Activity? activity, Exception exception)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity.AddException(exception);
    }
}
