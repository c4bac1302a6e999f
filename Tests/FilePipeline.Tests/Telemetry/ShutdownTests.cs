using System.Diagnostics;
using System.Net;
using FilePipeline.FileRecords;
using FilePipeline.Telemetry;
using FilePipeline.Tests.Emulator;
using FilePipeline.Tests.Viewer;

namespace FilePipeline.Tests.Telemetry;

/// <summary>
/// A real service (the viewer process) whose OTLP endpoint has gone away before it is stopped (a dashboard that
/// stopped first) still stops promptly: the final export of what it still holds fails fast instead of holding the
/// shutdown. A control run of the same service without export shows what stopping costs on this machine anyway.
/// </summary>
public sealed class ShutdownTests(MotoFixture moto)
{
    private static readonly TimeSpan StopBudget = TimeSpan.FromSeconds(2);

    // What the gone endpoint may add to a stop: the name's 2 s. Usually it adds 20-150 ms; a clean-clone CI run saw
    // 1.54 s once (1.62 s against 0.08 s), so 1 s, this test's bound until then, was a guess below what happens. A
    // final export that waited for the exporter's 10 s timeout would still fail it.
    private static readonly TimeSpan ExportBudget = StopBudget;

    [Fact]
    public async Task A_service_stops_within_2_s_when_its_OTLP_endpoint_is_already_gone()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = new ViewerStack(moto);
        await stack.S3.PutBucketAsync(stack.Bucket, ct);
        await stack.Dynamo.CreateTableAsync(RecordTable.CreateTableRequest(stack.Table), ct);

        var withoutExport = await StopAsync(stack.Environment(), receiver: null, ct);

        var receiver = await OtlpReceiver.StartAsync(ct);
        var environment = stack.Environment();
        environment[OtlpExport.EndpointKey] = receiver.Endpoint.ToString();
        environment["OTEL_BSP_SCHEDULE_DELAY"] = "200";
        var endpointGone = await StopAsync(environment, receiver, ct);

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"SIGTERM to exit: {endpointGone.TotalMilliseconds:0} ms with the OTLP endpoint gone, {withoutExport.TotalMilliseconds:0} ms without export");
        // What the gone endpoint adds to stopping is bounded whatever the machine's load ...
        Assert.True(endpointGone - withoutExport < ExportBudget,
            $"the gone endpoint added {(endpointGone - withoutExport).TotalSeconds:0.00} s to the stop ({endpointGone.TotalSeconds:0.00} s against {withoutExport.TotalSeconds:0.00} s)");
        // ... and the whole stop fits the budget unless stopping alone already takes half of it (an overloaded machine).
        Assert.True(endpointGone < StopBudget || withoutExport > StopBudget / 2,
            $"the viewer took {endpointGone.TotalSeconds:0.00} s to stop (budget {StopBudget.TotalSeconds} s; {withoutExport.TotalSeconds:0.00} s without export)");
    }

    /// <summary>Starts the viewer, uses it, takes the receiver away (if any) and measures SIGTERM to exit.</summary>
    private static async Task<TimeSpan> StopAsync(Dictionary<string, string> environment, OtlpReceiver? receiver, CancellationToken ct)
    {
        var serviceName = $"viewer-{Guid.NewGuid():N}";
        environment[OtlpExport.ServiceNameKey] = serviceName;
        await using var viewer = await ViewerProcess.StartAsync(environment, cancellationToken: ct);
        using var http = new HttpClient { BaseAddress = viewer.Url };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/records", ct)).StatusCode);
        if (receiver is not null)
        {
            try
            {
                // Export worked while the endpoint was there.
                await receiver.WaitForAsync("a span of the viewer",
                    r => r.Spans.FirstOrDefault(s => s.ServiceName == serviceName), TimeSpan.FromSeconds(30), ct);
            }
            finally
            {
                await receiver.DisposeAsync();
            }
        }

        // Telemetry made after the endpoint went away is what the final export at shutdown tries to send.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/records", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/", ct)).StatusCode);

        var clock = Stopwatch.StartNew();
        var stopped = await viewer.StopAsync(TimeSpan.FromSeconds(30), ct);
        clock.Stop();
        Assert.True(stopped, "the viewer did not stop on SIGTERM:\n" + viewer.Output);
        return clock.Elapsed;
    }
}
