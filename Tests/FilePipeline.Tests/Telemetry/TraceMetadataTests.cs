using System.Diagnostics;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using FilePipeline.Telemetry;
using FilePipeline.Tests.Emulator;

namespace FilePipeline.Tests.Telemetry;

/// <summary>The W3C trace context travels in the object's user metadata, through a real S3 (moto).</summary>
public sealed class TraceMetadataTests(MotoFixture moto)
{
    [Fact]
    public async Task Traceparent_written_at_upload_comes_back_from_HeadObject_with_the_upload_span_as_parent()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var receiver = await OtlpReceiver.StartAsync(ct);
        var serviceName = $"uploader-{Guid.NewGuid():N}";
        using var host = TelemetryTestHost.Build(new Dictionary<string, string?>
        {
            [OtlpExport.EndpointKey] = receiver.Endpoint.ToString(),
            [OtlpExport.ServiceNameKey] = serviceName,
        });
        await host.StartAsync(ct);
        using var s3 = S3Client();
        var bucket = MotoFixture.UniqueName("trace-meta");
        await s3.PutBucketAsync(bucket, ct);

        using var source = new ActivitySource("FilePipeline.Test");
        ActivityContext uploaded;
        using (var upload = UploadTracing.StartUpload(source, bucket, "dir/report one.txt", size: 5))
        {
            Assert.NotNull(upload);
            uploaded = upload.Context;
            var request = new PutObjectRequest { BucketName = bucket, Key = "dir/report one.txt", ContentBody = "hello" };
            Assert.True(TraceMetadata.Inject(upload, (name, value) => request.Metadata[name] = value));
            await s3.PutObjectAsync(request, ct);
        }

        var head = await s3.GetObjectMetadataAsync(bucket, "dir/report one.txt", ct);
        Assert.True(TraceMetadata.TryExtract(name => head.Metadata[name], out var parent));
        Assert.Equal(uploaded.TraceId, parent.TraceId);
        Assert.Equal(uploaded.SpanId, parent.SpanId);
        Assert.True(parent.IsRemote);
        Assert.Equal(ActivityTraceFlags.Recorded, parent.TraceFlags);

        await host.StopAsync(ct);
        host.Dispose(); // as a process does on exit: the providers export what they still hold (the final metric collection)
        var traceId = uploaded.TraceId.ToHexString();
        var uploadSpan = await receiver.WaitForAsync("the upload span",
            r => r.Spans.FirstOrDefault(s => s.Name == UploadTracing.SpanName && s.TraceId == traceId), TimeSpan.FromSeconds(20), ct);
        Assert.Equal(bucket, uploadSpan.Attributes["aws.s3.bucket"]);
        Assert.Equal("dir/report one.txt", uploadSpan.Attributes["aws.s3.key"]);
        // The AWS SDK's own span for the call, through the bridge, inside the upload span.
        var sdkSpan = await receiver.WaitForAsync("the AWS SDK PutObject span",
            r => r.Spans.FirstOrDefault(s => s.Scope.StartsWith("AWSSDK.", StringComparison.Ordinal) && s.ParentSpanId == uploadSpan.SpanId), TimeSpan.FromSeconds(20), ct);
        Assert.Equal(traceId, sdkSpan.TraceId);
        Assert.Equal("PutObject", sdkSpan.Attributes.GetValueOrDefault("rpc.method"));
        var sdkMetric = await receiver.WaitForAsync("the AWS SDK call duration metric",
            r => r.Metrics.FirstOrDefault(m => m.ServiceName == serviceName && m.Scope == "AWSSDK.S3" && m.Name == "client.call.duration"), TimeSpan.FromSeconds(20), ct);
        Assert.Contains(sdkMetric.PointAttributes, point => point.GetValueOrDefault("rpc.method") == "PutObject");
    }

    [Fact]
    public void Missing_or_malformed_traceparent_starts_no_trace()
    {
        Assert.False(TraceMetadata.TryExtract(_ => null, out _));
        Assert.False(TraceMetadata.TryExtract(name => name == TraceMetadata.TraceParentName ? "00-not-a-trace-01" : null, out _));
        Assert.False(TraceMetadata.TryExtract(name => name == TraceMetadata.TraceParentName ? "00-00000000000000000000000000000000-0000000000000000-01" : null, out _));
        Assert.False(TraceMetadata.Inject(null, (_, _) => Assert.Fail("nothing to write")));
    }

    [Fact]
    public void Traceparent_and_tracestate_round_trip()
    {
        using var activity = new Activity("upload").SetIdFormat(ActivityIdFormat.W3C);
        activity.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        activity.TraceStateString = "vendor=value";
        activity.Start();
        var metadata = new Dictionary<string, string>();
        Assert.True(TraceMetadata.Inject(activity, (name, value) => metadata[name] = value));
        Assert.Equal($"00-{activity.TraceId.ToHexString()}-{activity.SpanId.ToHexString()}-01", metadata[TraceMetadata.TraceParentName]);

        Assert.True(TraceMetadata.TryExtract(metadata.GetValueOrDefault, out var context));
        Assert.Equal(activity.TraceId, context.TraceId);
        Assert.Equal(activity.SpanId, context.SpanId);
        Assert.Equal("vendor=value", context.TraceState);
    }

    private IAmazonS3 S3Client() => moto.Client<IAmazonS3>();
}
