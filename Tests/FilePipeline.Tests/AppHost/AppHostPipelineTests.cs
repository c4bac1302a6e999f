using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Amazon.S3.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using FilePipeline.AppHost.Commands;
using FilePipeline.Cli;
using FilePipeline.FileRecords;
using FilePipeline.Tests.Cli;
using Microsoft.Extensions.DependencyInjection;

namespace FilePipeline.Tests.AppHost;

/// <summary>
/// The whole pipeline on the real AppHost (Aspire.Hosting.Testing, one app for the class): every resource healthy,
/// uploads with the AWS CLI and the SDK become records the viewer serves, one trace per file reaches the OTLP
/// endpoint, a processor replica killed during a burst still gives every record exactly once, the dashboard
/// commands work and the command line finds the running pipeline without flags.
/// </summary>
public sealed class AppHostPipelineTests(PipelineApp pipeline) : IClassFixture<PipelineApp>
{
    private static readonly TimeSpan RecordTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public void Every_resource_is_healthy_and_the_stack_shows_its_outputs()
    {
        Assert.Equal(2, pipeline.Instances("processor").Count);
        foreach (var resource in new[] { "emulator", "stack", "processor", "viewer" })
        {
            Assert.NotEmpty(pipeline.Instances(resource));
            Assert.All(pipeline.Instances(resource), instance => Assert.Equal(KnownResourceStates.Running, instance.Value.State?.Text));
            Assert.All(pipeline.Instances(resource), instance => Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, instance.Value.HealthStatus));
        }

        Assert.True(pipeline.App.ResourceNotifications.TryGetCurrentState("stack", out var stack));
        var properties = stack.Snapshot.Properties.ToDictionary(p => p.Name, p => p.Value?.ToString());
        Assert.Equal(pipeline.Outputs.BucketName, properties["aws.cloudformation.output.BucketName"]);
        Assert.Equal(pipeline.Outputs.QueueUrl, properties["aws.cloudformation.output.QueueUrl"]);
        Assert.Equal(pipeline.Outputs.TableName, properties["aws.cloudformation.output.TableName"]);
        Assert.Equal("file-pipeline", properties["aws.cloudformation.stack"]);
    }

    [Fact]
    public async Task Files_uploaded_with_the_aws_cli_and_the_sdk_become_records_with_a_trace_each_and_the_viewer_serves_them()
    {
        var ct = TestContext.Current.CancellationToken;
        var run = Guid.NewGuid().ToString("N")[..8];
        var folder = Directory.CreateTempSubdirectory("apphost-cli-").FullName;
        try
        {
            for (var i = 0; i < 3; i++)
            {
                await File.WriteAllTextAsync(Path.Combine(folder, $"cli-{i}.txt"), $"from the aws cli {i}\n", ct);
            }

            // As pasted from the AppHost's summary: the placeholder credentials in the command, none configured.
            var cli = await RunAwsCliAsync(["--endpoint-url", pipeline.Emulator.ToString(), "s3", "cp", folder, $"s3://{pipeline.Outputs.BucketName}/{run}/cli/", "--recursive", "--only-show-errors"], ct);
            Assert.True(cli.ExitCode == 0, cli.Output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        using var s3 = pipeline.S3();
        for (var i = 0; i < 3; i++)
        {
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = pipeline.Outputs.BucketName, Key = $"{run}/sdk/sdk-{i}.txt", ContentBody = $"from the sdk {i} two three\n" }, ct);
        }

        var records = await pipeline.WaitForRecordsAsync($"{run}/", 6, RecordTimeout, ct);
        Assert.Equal(
            new[] { "cli/cli-0.txt", "cli/cli-1.txt", "cli/cli-2.txt", "sdk/sdk-0.txt", "sdk/sdk-1.txt", "sdk/sdk-2.txt" }.Select(k => $"{run}/{k}"),
            records.Select(r => r.Key).Order(StringComparer.Ordinal));
        Assert.All(records, r => Assert.Equal(RecordStatus.Processed, r.Status));
        Assert.All(records.Where(r => r.Key.Contains("/cli/", StringComparison.Ordinal)), r => Assert.Equal(5, r.WordCount));
        Assert.All(records.Where(r => r.Key.Contains("/sdk/", StringComparison.Ordinal)), r => Assert.Equal(6, r.WordCount));

        // One trace per file: its id is in the record, and the processor's spans of it reach the OTLP endpoint,
        // from the per-object span to the DynamoDB write.
        Assert.Equal(records.Count, records.Select(r => r.TraceId).Distinct().Count());
        foreach (var record in records)
        {
            var spans = await pipeline.Telemetry.WaitForAsync(
                $"the process and write spans of trace {record.TraceId} ({record.Key})",
                r => r.Spans.Where(s => s.TraceId == record.TraceId).ToList() is { } mine
                    && mine.Any(s => s.Name == "process") && mine.Any(s => s.Name == "write") ? mine : null,
                TimeSpan.FromSeconds(30), ct);
            Assert.All(spans, s => Assert.Equal("processor", s.ServiceName));
            Assert.Equal(record.Key, spans.First(s => s.Name == "process").Attributes.GetValueOrDefault("aws.s3.key"));
        }

        // The viewer, through the endpoint Aspire gave it.
        using var viewer = pipeline.App.CreateHttpClient("viewer");
        var key = records[0].Key;
        using var response = await viewer.GetAsync(new Uri($"/api/record?key={Uri.EscapeDataString(key)}", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var detail = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        Assert.Equal(key, detail.RootElement.GetProperty("record").GetProperty("key").GetString());
        Assert.Equal("PROCESSED", detail.RootElement.GetProperty("record").GetProperty("status").GetString());

        // Its trace link opens the dashboard's trace view.
        var dashboard = FilePipeline.AppHost.Dashboard.Url(pipeline.App.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>());
        Assert.NotNull(dashboard);
        Assert.Equal($"{new Uri(dashboard, "/traces/detail/")}{records[0].TraceId}", detail.RootElement.GetProperty("traceUrl").GetString());
    }

    [Fact]
    public async Task A_processor_replica_killed_during_a_burst_leaves_every_record_exactly_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var run = Guid.NewGuid().ToString("N")[..8];
        const int files = 30;
        var before = pipeline.ProcessIds("processor");
        Assert.Equal(2, before.Count);
        var (victimId, dotnetRun) = before.First();
        var victimPid = ProcessTable.Descendants(dotnetRun).Single(pid => File.ReadAllText($"/proc/{pid}/cmdline").Contains("FilePipeline.Processor", StringComparison.Ordinal));

        using var s3 = pipeline.S3();
        using var sqs = pipeline.Sqs();
        var uploaded = new Dictionary<string, (string Sha256, long Size, string ETag)>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(Enumerable.Range(0, files), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (i, token) =>
        {
            var body = $"burst file {i} {new string('x', i * 37)}\n";
            var key = $"{run}/burst-{i:D2}.txt";
            var put = await s3.PutObjectAsync(new PutObjectRequest { BucketName = pipeline.Outputs.BucketName, Key = key, ContentBody = body }, token);
            lock (uploaded)
            {
                uploaded[key] = (Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(body))), System.Text.Encoding.UTF8.GetByteCount(body), put.ETag.Trim('"'));
            }
        });

        // Both replicas poll with 2 pollers x 10 messages and start at most a few messages a second: once most of the
        // burst is in flight, each replica holds messages it has not finished. Kill one then.
        await WaitUntilAsync(async () => (await InFlightAsync(sqs, ct)) >= files / 2, TimeSpan.FromSeconds(30), "half the burst in flight", ct);
        ProcessTable.Signal(victimPid, "KILL");

        var records = await pipeline.WaitForRecordsAsync($"{run}/", files, TimeSpan.FromSeconds(90), ct);
        await WaitUntilAsync(async () => await InFlightAsync(sqs, ct) == 0 && await DepthAsync(sqs, pipeline.Outputs.QueueUrl, ct) == 0,
            TimeSpan.FromSeconds(60), "the queue drained", ct);

        // Exactly once: one record per object, equal to the object's state, none failed or dead-lettered.
        Assert.Equal(uploaded.Keys.Order(StringComparer.Ordinal), records.Select(r => r.Key).Order(StringComparer.Ordinal));
        foreach (var record in records)
        {
            var (sha256, size, etag) = uploaded[record.Key];
            Assert.Equal(RecordStatus.Processed, record.Status);
            Assert.Equal(sha256, record.Sha256);
            Assert.Equal(size, record.Size);
            Assert.Equal(etag, record.ETag);
        }

        Assert.Equal(0, await DepthAsync(sqs, pipeline.Outputs.DeadLetterQueueUrl, ct));

        // The killed replica really held messages: those came back (receive count 2 or more) and were done by a
        // live replica. Nothing else makes a message come back here: no processor reported a failed message.
        var redelivered = records.Where(r => r.Attempts >= 2).ToList();
        Assert.NotEmpty(redelivered);
        Assert.DoesNotContain(pipeline.Telemetry.Logs, log => log.ServiceName == "processor" && log.Body.Contains("failed on receive", StringComparison.Ordinal));

        // Writes follow deliveries: an object delivered once was written at most once; one whose message came back
        // after the kill at most once per delivery (a redelivery may write the same state again: idempotent, the
        // record stays equal to the object). No write comes from nowhere.
        var writes = await pipeline.Telemetry.WaitForAsync("write spans of the redelivered objects",
            r => r.Spans.Where(s => s.Name == "write" && s.Attributes.GetValueOrDefault("aws.s3.key", "").StartsWith(run, StringComparison.Ordinal)).ToList() is { Count: > 0 } found
                && redelivered.All(x => found.Any(s => s.Attributes["aws.s3.key"] == x.Key)) ? found : null,
            TimeSpan.FromSeconds(30), ct);
        var writesByKey = writes.Where(s => s.Attributes.GetValueOrDefault("filepipeline.outcome") == "processed")
            .GroupBy(s => s.Attributes["aws.s3.key"]).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        Assert.All(records, record => Assert.True(writesByKey.GetValueOrDefault(record.Key) <= record.Attempts,
            $"{record.Key}: {writesByKey.GetValueOrDefault(record.Key)} writes for {record.Attempts} deliveries"));
        TestContext.Current.SendDiagnosticMessage(
            $"burst: {files} objects, {redelivered.Count} redelivered after the kill, {writesByKey.Values.Sum()} writes exported");

        // The crashed replica was started again: a new process for the same replica, healthy.
        await pipeline.WaitForAllInstancesHealthyAsync("processor", ct);
        await WaitUntilAsync(() => Task.FromResult(pipeline.ProcessIds("processor").TryGetValue(victimId, out var pid) && pid != dotnetRun && ProcessTable.IsRunning(pid)),
            TimeSpan.FromSeconds(60), $"{victimId} running again as a new process", ct);
        Assert.Contains(pipeline.Log.Lines, line => line.Contains($"{victimId} (pid {dotnetRun}) exited with code", StringComparison.Ordinal));
        Assert.False(ProcessTable.IsRunning(victimPid));
        Assert.False(ProcessTable.IsRunning(dotnetRun));
    }

    [Fact]
    public async Task Dashboard_commands_report_status_backfill_a_prefix_and_redrive_the_dead_letters()
    {
        var ct = TestContext.Current.CancellationToken;
        var run = Guid.NewGuid().ToString("N")[..8];
        using var s3 = pipeline.S3();
        for (var i = 0; i < 2; i++)
        {
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = pipeline.Outputs.BucketName, Key = $"{run}/cmd-{i}.txt", ContentBody = $"command {i}\n" }, ct);
        }

        await pipeline.WaitForRecordsAsync($"{run}/", 2, RecordTimeout, ct);

        var status = await pipeline.App.ResourceCommands.ExecuteCommandAsync("stack", PipelineCommands.Status, ct);
        Assert.True(status.Success, status.Message);
        Assert.Matches(@"queue \d+ waiting, \d+ in flight; dead letters \d+; records .*PROCESSED \d+", status.Message);

        var backfill = await pipeline.App.ResourceCommands.ExecuteCommandAsync(
            "stack", PipelineCommands.Backfill, new InteractionInputCollection([new InteractionInput { Name = "prefix", InputType = InputType.Text, Value = $"{run}/" }]), ct);
        Assert.True(backfill.Success, backfill.Message);
        Assert.StartsWith($"enqueued 2 events for 2 objects under '{run}/'", backfill.Message, StringComparison.Ordinal);

        // A dead letter: an S3 event for one of the objects, as the queue's redrive policy would have left it.
        using var sqs = pipeline.Sqs();
        var body = """{"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1","eventTime":"2026-12-01T00:00:00.000Z","eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"BUCKET"},"object":{"key":"RUN%2Fcmd-0.txt","size":10}}}]}"""
            .Replace("BUCKET", pipeline.Outputs.BucketName, StringComparison.Ordinal).Replace("RUN", run, StringComparison.Ordinal);
        await sqs.SendMessageAsync(new SendMessageRequest(pipeline.Outputs.DeadLetterQueueUrl, body), ct);
        var redrive = await pipeline.App.ResourceCommands.ExecuteCommandAsync("stack", PipelineCommands.Redrive, ct);
        Assert.True(redrive.Success, redrive.Message);
        Assert.StartsWith("moved 1 messages from the dead-letter queue back to the queue; 0 failed", redrive.Message, StringComparison.Ordinal);
        Assert.Equal(0, await DepthAsync(sqs, pipeline.Outputs.DeadLetterQueueUrl, ct));
    }

    [Fact]
    public async Task The_command_line_finds_the_running_pipeline_without_flags_or_credentials()
    {
        var ct = TestContext.Current.CancellationToken;
        await WaitUntilAsync(() => Task.FromResult(File.Exists(pipeline.StateFile)), TimeSpan.FromSeconds(30), "the AppHost's state file", ct);

        var (exitCode, output) = await CliProcess.RunAsync(["status"], TimeSpan.FromSeconds(60), ct, new Dictionary<string, string>
        {
            [FilePipeline.Provisioning.LocalPipelineFile.PathVariable] = pipeline.StateFile,
        });

        Assert.True(exitCode == ExitCodes.Success, string.Join('\n', output));
        Assert.Contains(output, line => line.StartsWith("stack     file-pipeline", StringComparison.Ordinal));
        Assert.Contains(output, line => line.StartsWith("records   ", StringComparison.Ordinal));
    }

    private async Task<int> InFlightAsync(Amazon.SQS.AmazonSQSClient sqs, CancellationToken ct) =>
        (await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest(pipeline.Outputs.QueueUrl, [QueueAttributeName.ApproximateNumberOfMessagesNotVisible]), ct)).ApproximateNumberOfMessagesNotVisible;

    private static async Task<int> DepthAsync(Amazon.SQS.AmazonSQSClient sqs, string queueUrl, CancellationToken ct) =>
        (await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest(queueUrl, [QueueAttributeName.ApproximateNumberOfMessages]), ct)).ApproximateNumberOfMessages;

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < timeout, $"no {what} within {timeout.TotalSeconds} s");
            await Task.Delay(100, ct);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAwsCliAsync(string[] arguments, CancellationToken ct)
    {
        var info = new ProcessStartInfo("aws") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["AWS_ACCESS_KEY_ID"] = "test";
        info.Environment["AWS_SECRET_ACCESS_KEY"] = "test";
        info.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await output + await error);
    }
}
