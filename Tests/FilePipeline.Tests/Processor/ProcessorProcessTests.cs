using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using FilePipeline.FileRecords;
using FilePipeline.Tests.Emulator;

namespace FilePipeline.Tests.Processor;

/// <summary>The processor binary as the AppHost and Lambda run it: worker mode and Lambda mode, by environment.</summary>
public sealed class ProcessorProcessTests(MotoFixture moto)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Worker_process_reports_ready_serves_health_processes_and_exits_on_sigterm()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var aws = await ProcessorResources.CreateAsync(moto, ct);
        await using var queues = await QueueResources.CreateAsync(moto, aws, maxReceiveCount: 5, ct);
        var port = ProcessorProcess.FreePort();
        using var worker = StartWorker(aws, queues, port, ("Processor__Pollers", "3"));

        var ready = await worker.Output.WaitForLineAsync(line => line.Contains("Worker ready:", StringComparison.Ordinal), Patience, ct);
        Assert.Contains($"3 pollers on {queues.QueueUrl}", ready, StringComparison.Ordinal);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var health = await Eventually.WaitAsync(() => StatusAsync(http, $"http://127.0.0.1:{port}/health", ct), status => status == HttpStatusCode.OK, Patience, "/health 200", ct);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(http, $"http://127.0.0.1:{port}/alive", ct));

        await aws.PutAsync("via-process.txt", "hello from the process test"u8.ToArray(), "text/plain", cancellationToken: ct);
        var record = await Eventually.WaitAsync(() => aws.Store.GetAsync(aws.Bucket, "via-process.txt", ct), r => r is not null, Patience, "the record", ct);
        Assert.Equal(RecordStatus.Processed, record!.Status);

        worker.Terminate();
        Assert.Equal(0, await worker.WaitForExitAsync(TimeSpan.FromSeconds(45), ct));
        Assert.Contains(worker.Output.Lines, line => line.Contains("Worker stopped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_normal_start_and_normal_files_say_only_what_a_reader_needs()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var aws = await ProcessorResources.CreateAsync(moto, ct);
        await using var queues = await QueueResources.CreateAsync(moto, aws, maxReceiveCount: 5, ct);
        var port = ProcessorProcess.FreePort();
        using var worker = StartWorker(aws, queues, port, ("Processor__MaxObjectBytes", "1000"));

        // Probed from its first moment, as an orchestrator does: a probe before the pollers run waits, it does not fail.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await Eventually.WaitAsync(() => StatusAsync(http, $"http://127.0.0.1:{port}/health", ct), status => status == HttpStatusCode.OK, Patience, "/health 200", ct);
        await aws.PutAsync("note.txt", "hello, reader\n"u8.ToArray(), "text/plain", cancellationToken: ct);
        await aws.PutAsync("big.txt", new byte[2000], "text/plain", cancellationToken: ct);
        await Eventually.WaitAsync(() => aws.Store.GetAsync(aws.Bucket, "note.txt", ct), r => r?.Status == RecordStatus.Processed, Patience, "note.txt processed", ct);
        await aws.S3.DeleteObjectAsync(aws.Bucket, "note.txt", ct);
        await Eventually.WaitAsync(() => aws.Store.GetAsync(aws.Bucket, "note.txt", ct), r => r?.Status == RecordStatus.Deleted, Patience, "note.txt deleted", ct);
        await Eventually.WaitAsync(() => aws.Store.GetAsync(aws.Bucket, "big.txt", ct), r => r?.Status == RecordStatus.Rejected, Patience, "big.txt rejected", ct);
        await worker.Output.WaitForLineAsync(line => line.Contains($"s3://{aws.Bucket}/note.txt: DELETED", StringComparison.Ordinal), Patience, ct);
        worker.Terminate();
        Assert.Equal(0, await worker.WaitForExitAsync(TimeSpan.FromSeconds(45), ct));

        var output = worker.Output.Lines;
        var bucket = Regex.Escape(aws.Bucket);
        Assert.Single(output, line => Regex.IsMatch(line, $@"^\s+Record s3://{bucket}/note\.txt: PROCESSED as text/plain \(message [0-9a-f-]{{36}}\)$"));
        Assert.Single(output, line => Regex.IsMatch(line, $@"^\s+Record s3://{bucket}/big\.txt: REJECTED: size 2000 bytes exceeds the limit of 1000 bytes \(message [0-9a-f-]{{36}}\)$"));
        Assert.Single(output, line => Regex.IsMatch(line, $@"^\s+Record s3://{bucket}/note\.txt: DELETED\b.*\(message [0-9a-f-]{{36}}\)$"));
        Assert.DoesNotContain(output, line => line.Contains("(null)", StringComparison.Ordinal) || line.Contains("()", StringComparison.Ordinal));
        Assert.DoesNotContain(output, line => line.StartsWith("fail:", StringComparison.Ordinal));
        Assert.DoesNotContain(output, line => line.Contains("Request starting", StringComparison.Ordinal) || line.Contains("Executing endpoint", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Worker_process_without_a_queue_url_fails_with_a_clear_error()
    {
        var ct = TestContext.Current.CancellationToken;
        using var worker = ProcessorProcess.Start(moto, new Dictionary<string, string> { ["AWS__Resources__TableName"] = "t" });

        Assert.NotEqual(0, await worker.WaitForExitAsync(Patience, ct));
        Assert.Contains(worker.Output.Lines, line => line.Contains("AWS__Resources__QueueUrl", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Lambda_mode_reports_a_configuration_error_to_init_error_and_exits()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeRuntimeApi.StartAsync(ct);
        using var lambda = ProcessorProcess.Start(moto, new Dictionary<string, string> { ["AWS_LAMBDA_RUNTIME_API"] = api.Address });

        var error = await api.InitError.WaitAsync(Patience, ct);

        Assert.Contains("TableName", error.Body, StringComparison.Ordinal);
        Assert.StartsWith("Runtime.", error.ErrorType, StringComparison.Ordinal);
        Assert.Equal(1, await lambda.WaitForExitAsync(Patience, ct));
    }

    [Fact]
    public async Task Lambda_mode_processes_an_sqs_event_into_records()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var aws = await ProcessorResources.CreateAsync(moto, ct);
        await using var api = await FakeRuntimeApi.StartAsync(ct);

        using var lambda = await AssertLambdaProcessesABatchAsync(aws, api, "lambda/one.csv", new Dictionary<string, string>(), ct);

        // Back at /next, waiting: SIGTERM (Lambda's shutdown) ends the wait and the process, cleanly.
        lambda.Terminate();
        Assert.Equal(0, await lambda.WaitForExitAsync(Patience, ct));
    }

    [Fact]
    public async Task Lambda_mode_whose_runtime_api_drops_the_connection_says_so_in_one_line_and_exits_1()
    {
        var ct = TestContext.Current.CancellationToken;
        // A Runtime API that accepts every connection and closes it unanswered.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var dropping = Task.Run(async () =>
        {
            while (!ct.IsCancellationRequested)
            {
                using var client = await listener.AcceptTcpClientAsync(ct);
            }
        }, ct);
        using var lambda = ProcessorProcess.Start(moto, new Dictionary<string, string>
        {
            ["AWS_LAMBDA_RUNTIME_API"] = $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}",
            ["AWS__Resources__TableName"] = "never-written",
        });

        var exitCode = await lambda.WaitForExitAsync(Patience, ct);

        var output = string.Join('\n', lambda.Output.Lines);
        Assert.True(exitCode == 1, $"exit code {exitCode}; output:\n{output}");
        Assert.Single(lambda.Output.Lines, line => line.StartsWith("crit: ", StringComparison.Ordinal) && line.Contains("Runtime API 127.0.0.1:", StringComparison.Ordinal));
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.False(dropping.IsFaulted, dropping.Exception?.ToString());
    }

    [Fact]
    public async Task Lambda_mode_that_exports_telemetry_processes_the_batch_and_flushes_its_spans()
    {
        // A function with OTEL_EXPORTER_OTLP_ENDPOINT takes its providers from ServiceDefaults' container (traces,
        // metrics, logs and exporter); one without it has only the hand-built tracer (the test above). Both must do the same job.
        var ct = TestContext.Current.CancellationToken;
        await using var aws = await ProcessorResources.CreateAsync(moto, ct);
        await using var api = await FakeRuntimeApi.StartAsync(ct);
        await using var receiver = await Telemetry.OtlpReceiver.StartAsync(ct);

        using var lambda = await AssertLambdaProcessesABatchAsync(aws, api, "lambda/exported.csv", new Dictionary<string, string>
        {
            ["OTEL_SDK_DISABLED"] = "false",
            [FilePipeline.Telemetry.OtlpExport.EndpointKey] = receiver.Endpoint.ToString(),
            [FilePipeline.Telemetry.OtlpExport.ServiceNameKey] = "lambda-exporting",
        }, ct);

        // The invocation's spans are flushed before the next /next, without waiting for the batch exporter's delay.
        var spans = await Eventually.WaitAsync(() => Task.FromResult(receiver.Spans.Where(span => span.ServiceName == "lambda-exporting").ToList()),
            received => received.Any(span => span.Name == "receive") && received.Any(span => span.Name == "write"), Patience, "the invocation's receive and write spans", ct);
        Assert.Single(spans, span => span.Name == "write");

        // Its logs (the poison message's classification) and the pipeline's metrics leave the process too.
        await Eventually.WaitAsync(() => Task.FromResult(receiver.Logs.Where(log => log.ServiceName == "lambda-exporting").ToList()),
            received => received.Count > 0, Patience, "the invocation's log records", ct);
        await Eventually.WaitAsync(() => Task.FromResult(receiver.Metrics.Where(metric => metric.ServiceName == "lambda-exporting" && metric.Scope.StartsWith("FilePipeline.", StringComparison.Ordinal)).ToList()),
            received => received.Count > 0, Patience, "the pipeline's metrics", ct);
    }

    /// <summary>
    /// The processor in Lambda mode (<paramref name="settings"/> added to its environment) is handed one batch: a CSV
    /// object's event and a poison message. Only the poison message is reported failed, and the object has its record.
    /// Returns the process, still running, for the caller to check more and stop.
    /// </summary>
    private async Task<ProcessorProcess> AssertLambdaProcessesABatchAsync(
        ProcessorResources aws, FakeRuntimeApi api, string key, Dictionary<string, string> settings, CancellationToken ct)
    {
        await aws.PutAsync(key, "a,b\n1,2\n"u8.ToArray(), "text/csv", cancellationToken: ct);
        settings["AWS_LAMBDA_RUNTIME_API"] = api.Address;
        settings["AWS__Resources__TableName"] = aws.Table;
        var lambda = ProcessorProcess.Start(moto, settings);
        try
        {
            var payload = SqsEvents.Batch(
                "arn:aws:sqs:us-east-1:123456789012:events",
                ("ok", S3Events.Notification(aws.Bucket, Uri.EscapeDataString(key))),
                ("poison", "not an event"));

            var outcome = await api.InvokeAsync("req-1", payload, DateTimeOffset.UtcNow.AddMinutes(1)).WaitAsync(Patience, ct);

            Assert.Equal(("response", """{"batchItemFailures":[{"itemIdentifier":"poison"}]}"""), (outcome.Kind, outcome.Body));
            var record = await aws.Store.GetAsync(aws.Bucket, key, ct);
            Assert.Equal((RecordStatus.Processed, "text/csv"), (record!.Status, record.DetectedType));
            return lambda;
        }
        catch
        {
            lambda.Dispose();
            throw;
        }
    }

    /// <summary>The worker process on <paramref name="queues"/>, serving <c>/health</c> on <paramref name="port"/>.</summary>
    private ProcessorProcess StartWorker(ProcessorResources aws, QueueResources queues, int port, params (string Name, string Value)[] settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["AWS__Resources__QueueUrl"] = queues.QueueUrl,
            ["AWS__Resources__TableName"] = aws.Table,
            ["AWS__Resources__BucketName"] = aws.Bucket,
            ["Processor__WaitTimeSeconds"] = "2",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
        };
        foreach (var (name, value) in settings)
        {
            environment[name] = value;
        }

        return ProcessorProcess.Start(moto, environment);
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, string url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(url, cancellationToken);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }
}
