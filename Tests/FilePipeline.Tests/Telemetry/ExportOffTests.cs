using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using FilePipeline.FileRecords;
using FilePipeline.Telemetry;
using FilePipeline.Tests.Emulator;
using FilePipeline.Tests.Viewer;

namespace FilePipeline.Tests.Telemetry;

/// <summary>
/// A real host (the viewer process) started without <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> logs no exporter errors: not on
/// stdout or stderr, and not in the OpenTelemetry SDK's own diagnostics (<c>OTEL_DIAGNOSTICS.json</c> in its working
/// directory), where the SDK reports a failed export (<c>Exporter failed …</c>). A control run against an endpoint nobody listens on shows that
/// this diagnostics log does catch exporter errors, so its silence means something.
/// </summary>
public sealed class ExportOffTests(MotoFixture moto)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Without_an_endpoint_a_real_host_logs_no_exporter_errors_anywhere()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = new ViewerStack(moto);
        await stack.S3.PutBucketAsync(stack.Bucket, ct);
        await stack.Dynamo.CreateTableAsync(RecordTable.CreateTableRequest(stack.Table), ct);

        // Control: the same host exporting to a closed port reports the failed export in the SDK's diagnostics log.
        var deadEndpoint = $"http://127.0.0.1:{ClosedPort()}";
        using (var control = new DiagnosticsDirectory())
        {
            var environment = stack.Environment();
            environment[OtlpExport.EndpointKey] = deadEndpoint;
            environment["OTEL_BSP_SCHEDULE_DELAY"] = "200";
            await using var viewer = await ViewerProcess.StartAsync(environment, workingDirectory: control.Path, cancellationToken: ct);
            await UseAsync(viewer, "control", ct);
            var log = await WaitForAsync(() => control.Log(), text => text.Contains("Exporter failed", StringComparison.Ordinal), ct);
            Assert.Contains(deadEndpoint, log, StringComparison.Ordinal);
            TestContext.Current.TestOutputHelper?.WriteLine("Control run, the SDK's diagnostics:\n" + log);
        }

        using var quiet = new DiagnosticsDirectory();
        var settings = stack.Environment();
        Assert.DoesNotContain(settings.Keys, name => name.StartsWith("OTEL_", StringComparison.Ordinal));
        await using (var viewer = await ViewerProcess.StartAsync(settings, workingDirectory: quiet.Path, cancellationToken: ct))
        {
            var key = await UseAsync(viewer, "quiet", ct);
            // Spans are still made (the upload's traceparent is a real, sampled span), they just stay in the process.
            var head = await stack.S3.GetObjectMetadataAsync(stack.Bucket, key, ct);
            Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-01$", head.Metadata[TraceMetadata.TraceParentName]);
            // Shut down the way a service manager does, so whatever runs at shutdown (a final flush) runs too.
            Assert.True(await viewer.StopAsync(Deadline, ct), "the viewer did not stop on SIGTERM:\n" + viewer.Output);

            var output = viewer.Output;
            Assert.Contains("Application is shutting down", output, StringComparison.Ordinal); // the console log was read to the end
            foreach (var line in output.Split('\n'))
            {
                Assert.False(line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal)
                    || line.StartsWith("crit:", StringComparison.Ordinal), "a warning or error on the console:\n" + output);
                foreach (var word in new[] { "OpenTelemetry", "OTLP", "exporter" })
                {
                    Assert.False(line.Contains(word, StringComparison.OrdinalIgnoreCase), $"'{word}' on the console:\n{output}");
                }
            }
        }

        // The SDK ran (its diagnostics file exists) and had nothing to say about exporting at warning level or above. (The
        // hosting package does note, at warning level, that there is no metric and no log pipeline: there is nothing to feed.)
        var diagnostics = quiet.Log();
        TestContext.Current.TestOutputHelper?.WriteLine("Without an endpoint, the SDK's diagnostics:\n" + diagnostics);
        Assert.Contains("successfully created the log file", diagnostics, StringComparison.Ordinal);
        Assert.DoesNotContain(DiagnosticsDirectory.Entries(diagnostics), entry => entry.Contains("export", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Serves a page and the records API, and stores one file through the upload API; returns its key.</summary>
    private static async Task<string> UseAsync(ViewerProcess viewer, string name, CancellationToken ct)
    {
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = viewer.Url };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/records", ct)).StatusCode);
        var antiforgery = await http.GetFromJsonAsync<JsonElement>("/api/antiforgery", ct);
        var key = $"{name}-{Guid.NewGuid():N}.txt";
        using var form = new MultipartFormDataContent { { new StringContent("hello"), "files", key } };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/uploads") { Content = form };
        request.Headers.Add(antiforgery.GetProperty("headerName").GetString()!, antiforgery.GetProperty("token").GetString());
        using var response = await http.SendAsync(request, ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        return key;
    }

    private static async Task<string> WaitForAsync(Func<string> read, Func<string, bool> done, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var text = read();
            if (done(text))
            {
                return text;
            }

            if (clock.Elapsed > Deadline)
            {
                throw new TimeoutException($"The SDK's diagnostics log did not report the failed export within {Deadline.TotalSeconds} s:\n{text}");
            }

            await Task.Delay(200, ct);
        }
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port; // closed again when the listener is disposed
    }

    /// <summary>A working directory whose <c>OTEL_DIAGNOSTICS.json</c> turns on the SDK's warning-level self-diagnostics.</summary>
    private sealed class DiagnosticsDirectory : IDisposable
    {
        private const string Banner = "If you are seeing this message";

        public DiagnosticsDirectory()
        {
            Path = Directory.CreateTempSubdirectory("otel-diagnostics-").FullName;
            File.WriteAllText(System.IO.Path.Combine(Path, "OTEL_DIAGNOSTICS.json"),
                $$"""{ "LogDirectory": "{{Path}}", "FileSize": 1024, "LogLevel": "Warning", "FormatMessage": "true" }""");
        }

        public string Path { get; }

        /// <summary>Every diagnostics log in the directory (the SDK names it after the process and its id).</summary>
        public string Log()
        {
            var text = new StringBuilder();
            foreach (var file in Directory.GetFiles(Path, "*.log"))
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(stream, Encoding.UTF8);
                text.Append(reader.ReadToEnd().Replace("\0", "", StringComparison.Ordinal));
            }

            return text.ToString();
        }

        /// <summary>The log's entries, without the banner the SDK writes when it creates the file.</summary>
        public static List<string> Entries(string log)
        {
            var lines = log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            var banner = lines.FindIndex(line => line.StartsWith(Banner, StringComparison.Ordinal));
            // The banner is four lines of prose; entries start with a timestamp.
            return [.. lines.Skip(banner + 1).Where(line => line.Length > 20 && char.IsAsciiDigit(line[0]) && line[4] == '-')];
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
