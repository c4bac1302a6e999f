using System.Diagnostics;
using FilePipeline.Telemetry;

namespace FilePipeline.Tests.Telemetry;

/// <summary>Each uploaded file gets its own trace, linked to the request or command that carried it.</summary>
public sealed class UploadTracingTests
{
    [Fact]
    public void Upload_span_starts_a_new_trace_linked_to_the_current_activity()
    {
        using var source = new ActivitySource($"FilePipeline.UploadTracingTests.{Guid.NewGuid():N}");
        using var listener = ListenTo(source);
        using var request = source.StartActivity("POST /api/uploads", ActivityKind.Server);
        Assert.NotNull(request);

        using var first = UploadTracing.StartUpload(source, "bucket", "a.txt", size: 3);
        Assert.NotNull(first);
        Assert.NotEqual(request.TraceId, first.TraceId);
        Assert.Equal(default, first.ParentSpanId);
        Assert.Equal(request.Context, Assert.Single(first.Links).Context);
        Assert.Equal(ActivityKind.Producer, first.Kind);
        Assert.Equal("a.txt", first.GetTagItem("aws.s3.key"));
        Assert.Same(first, Activity.Current);
    }

    [Fact]
    public void Upload_span_can_stay_in_the_callers_trace()
    {
        using var source = new ActivitySource($"FilePipeline.UploadTracingTests.{Guid.NewGuid():N}");
        using var listener = ListenTo(source);
        using var command = source.StartActivity("upload-command");
        Assert.NotNull(command);

        using var upload = UploadTracing.StartUpload(source, "bucket", "b.txt", newTrace: false);
        Assert.NotNull(upload);
        Assert.Equal(command.TraceId, upload.TraceId);
        Assert.Equal(command.SpanId, upload.ParentSpanId);
        Assert.Empty(upload.Links);
    }

    private static ActivityListener ListenTo(ActivitySource source)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = candidate => ReferenceEquals(candidate, source),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
