using System.Diagnostics;
using System.Net;
using FilePipeline.FileRecords;
using FilePipeline.Telemetry;
using FilePipeline.Tests.Infrastructure;
using FilePipeline.Tests.Viewer;

namespace FilePipeline.Tests.Telemetry;

/// <summary>
/// A real service (the viewer process) whose OTLP endpoint has gone away before it is stopped (a dashboard that
/// stopped first) still stops promptly: the final export of what it still holds fails fast instead of holding the
/// shutdown.
/// </summary>
public sealed class ShutdownTests(MotoFixture moto)
{
    private static readonly TimeSpan StopBudget = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_service_stops_within_2_s_when_its_OTLP_endpoint_is_already_gone()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = new ViewerStack(moto);
        await stack.S3.PutBucketAsync(stack.Bucket, ct);
        await stack.Dynamo.CreateTableAsync(RecordTable.CreateTableRequest(stack.Table), ct);
        var receiver = await OtlpReceiver.StartAsync(ct);
        var serviceName = $"viewer-{Guid.NewGuid():N}";
        var environment = stack.Environment();
        environment[OtlpExport.EndpointKey] = receiver.Endpoint.ToString();
        environment[OtlpExport.ServiceNameKey] = serviceName;
        environment["OTEL_BSP_SCHEDULE_DELAY"] = "200";
        await using var viewer = await ViewerProcess.StartAsync(environment, cancellationToken: ct);
        using var http = new HttpClient { BaseAddress = viewer.Url };
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/records", ct)).StatusCode);
            // Export worked while the endpoint was there.
            await receiver.WaitForAsync("a span of the viewer",
                r => r.Spans.FirstOrDefault(s => s.ServiceName == serviceName), TimeSpan.FromSeconds(30), ct);
        }
        finally
        {
            await receiver.DisposeAsync();
        }

        // Telemetry made after the endpoint went away is what the final export at shutdown tries to send.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/records", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/", ct)).StatusCode);

        var clock = Stopwatch.StartNew();
        var stopped = await viewer.StopAsync(TimeSpan.FromSeconds(30), ct);
        clock.Stop();

        Assert.True(stopped, "the viewer did not stop on SIGTERM:\n" + viewer.Output);
        TestContext.Current.TestOutputHelper?.WriteLine($"SIGTERM to exit: {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.True(clock.Elapsed < StopBudget,
            $"the viewer took {clock.Elapsed.TotalSeconds:0.00} s to stop (budget {StopBudget.TotalSeconds} s):\n{viewer.Output}");
    }
}
