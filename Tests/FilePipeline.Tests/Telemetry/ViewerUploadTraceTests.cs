using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FilePipeline.Telemetry;
using FilePipeline.Tests.Emulator;
using FilePipeline.Tests.Processor;
using FilePipeline.Tests.Viewer;

namespace FilePipeline.Tests.Telemetry;

/// <summary>
/// One trace per file from the browser's upload to the record: the real viewer and the real worker, both exporting
/// to an in-test OTLP receiver, with the bucket's notifications feeding the worker's queue on moto.
/// </summary>
public sealed class ViewerUploadTraceTests(MotoFixture moto)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Each_file_of_a_viewer_upload_gets_its_own_trace_that_the_worker_continues_to_the_record()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var receiver = await OtlpReceiver.StartAsync(ct);
        await using var aws = await ProcessorResources.CreateAsync(moto, ct);
        await using var queues = await QueueResources.CreateAsync(moto, aws, maxReceiveCount: 5, ct);
        var viewerName = $"viewer-{Guid.NewGuid():N}";
        var workerName = $"worker-{Guid.NewGuid():N}";
        await using var worker = WorkerProcess.Start(TracedServiceEnvironment.For(moto, aws, queues, receiver, workerName, TimeSpan.FromSeconds(1)));
        await using var viewer = await ViewerProcess.StartAsync(
            TracedServiceEnvironment.For(moto, aws, queues, receiver, viewerName, TimeSpan.FromSeconds(1)), cancellationToken: ct);

        // Two files in one request, as the page's drop zone or an API client sends them.
        var prefix = $"traced-{Guid.NewGuid():N}/";
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = viewer.Url };
        var antiforgery = await http.GetFromJsonAsync<JsonElement>("/api/antiforgery", ct);
        using var form = new MultipartFormDataContent { { new StringContent(prefix), "prefix" } };
        foreach (var (name, text) in new[] { ("one.txt", "the first file\n"), ("two.txt", "the second file\n") })
        {
            var content = new StringContent(text);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            form.Add(content, "files", name);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/uploads") { Content = form };
        request.Headers.Add(antiforgery.GetProperty("headerName").GetString()!, antiforgery.GetProperty("token").GetString());
        using var response = await http.SendAsync(request, ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}\n{viewer.Output}");
        var results = await response.Content.ReadFromJsonAsync<JsonElement>(ct);

        // The POST is one server span in the viewer; each file's upload span starts its own trace linked to it.
        var post = await receiver.WaitForAsync("the viewer's POST /api/uploads span",
            r => r.Spans.FirstOrDefault(s => s.ServiceName == viewerName && s.Scope == "Microsoft.AspNetCore" && s.Name == "POST /api/uploads"),
            Deadline, ct);
        var traceIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var result in results.EnumerateArray())
        {
            var key = result.GetProperty("key").GetString()!;
            var traceParent = result.GetProperty("traceParent").GetString()!;
            var head = await aws.S3.GetObjectMetadataAsync(aws.Bucket, key, ct);
            Assert.Equal(traceParent, head.Metadata[TraceMetadata.TraceParentName]);
            Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-01$", traceParent); // sampled: the trace is exported
            var traceId = traceParent[3..35];
            var uploadSpanId = traceParent[36..52];
            Assert.True(traceIds.Add(traceId), $"{key} shares a trace with another file");
            Assert.NotEqual(post.TraceId, traceId);

            var upload = await receiver.WaitForAsync($"the viewer's upload span of {key}",
                r => r.Spans.FirstOrDefault(s => s.ServiceName == viewerName && s.SpanId == uploadSpanId), Deadline, ct);
            Assert.Equal(UploadTracing.SpanName, upload.Name);
            Assert.Equal("FilePipeline.Viewer", upload.Scope);
            Assert.Equal(traceId, upload.TraceId);
            Assert.Equal("", upload.ParentSpanId);
            Assert.Equal([post.TraceId], upload.LinkedTraceIds);
            Assert.Equal(key, upload.Attributes.GetValueOrDefault("aws.s3.key"));
            await receiver.WaitForAsync($"the viewer's S3.PutObject span of {key}, inside the upload span",
                r => r.Spans.FirstOrDefault(s => s.ServiceName == viewerName && s.Name == "S3.PutObject" && s.ParentSpanId == uploadSpanId), Deadline, ct);

            // The worker continues that trace: its per-file span is a child of the upload span, and the record keeps the id.
            var record = await Eventually.WaitAsync(() => aws.Store.GetAsync(aws.Bucket, key, ct), r => r is not null, Deadline,
                $"the record of {key}; worker output:\n{worker.Output}", ct);
            Assert.Equal(traceId, record!.TraceId);
            var fileSpan = await receiver.WaitForAsync($"the worker's span of {key} under the upload span",
                r => r.Spans.FirstOrDefault(s => s.ServiceName == workerName && s.ParentSpanId == uploadSpanId), Deadline, ct);
            Assert.Equal("process", fileSpan.Name);
            Assert.Equal(traceId, fileSpan.TraceId);
            Assert.Equal(key, fileSpan.Attributes.GetValueOrDefault("aws.s3.key"));
            await receiver.WaitForAsync($"the worker's write span in the trace of {key}",
                r => r.Spans.FirstOrDefault(s => s.ServiceName == workerName && s.TraceId == traceId && s.Name == "write"), Deadline, ct);
        }

        Assert.Equal(2, traceIds.Count);
        Assert.Empty(receiver.Rejected);
    }
}
