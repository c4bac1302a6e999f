using System.Diagnostics;
using System.Net;
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
using FilePipeline.Tests.FileRecords;
using Microsoft.Extensions.DependencyInjection;

namespace FilePipeline.Tests.AppHost;

/// <summary>
/// The whole pipeline on the real AppHost (Aspire.Hosting.Testing, one app for the class): every resource healthy,
/// uploads with the AWS CLI and the SDK become records the viewer serves, one trace per file reaches the OTLP
/// endpoint, a processor replica killed during a burst still leaves one record per object, equal to it and written once, the dashboard
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
    public void Each_service_runs_its_built_assembly_with_no_dotnet_run_in_between()
    {
        foreach (var (resource, assembly, project) in new (string, string, IProjectMetadata)[]
        {
            ("processor", "FilePipeline.Processor.dll", new Projects.Processor()),
            ("viewer", "FilePipeline.Viewer.dll", new Projects.Viewer()),
        })
        {
            Assert.All(pipeline.ProcessIds(resource).Values, pid =>
            {
                var arguments = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
                Assert.Equal("dotnet", Path.GetFileName(arguments[0]));
                Assert.Equal(assembly, Path.GetFileName(arguments[1]));
                Assert.Equal(Path.GetDirectoryName(project.ProjectPath), ProcessTable.WorkingDirectory(pid)); // the project's folder, as under dotnet run
                Assert.Empty(ProcessTable.Descendants(pid));
            });
        }
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
        var (victimId, victimPid) = before.First();
        Assert.Contains("FilePipeline.Processor", File.ReadAllText($"/proc/{victimPid}/cmdline"), StringComparison.Ordinal);

        using var s3 = pipeline.S3();
        using var sqs = pipeline.Sqs();
        var uploaded = new ObjectState[files];
        await Parallel.ForEachAsync(Enumerable.Range(0, files), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (i, token) =>
        {
            var content = System.Text.Encoding.UTF8.GetBytes($"burst file {i} {new string('x', i * 37)}\n");
            var key = $"{run}/burst-{i:D2}.txt";
            using var body = new MemoryStream(content);
            var put = await s3.PutObjectAsync(new PutObjectRequest { BucketName = pipeline.Outputs.BucketName, Key = key, InputStream = body, ContentType = "text/plain" }, token);
            uploaded[i] = ObjectState.Put(pipeline.Outputs.BucketName, key, content, put, "text/plain", new ContentFacts("text/plain", WordCount: i == 0 ? 3 : 4, LineCount: 1));
        });

        // Both replicas poll with 2 pollers x 10 messages and start at most a few messages a second: once most of the
        // burst is in flight, each replica holds messages it has not finished. Kill one then.
        await WaitUntilAsync(async () => (await InFlightAsync(sqs, ct)) >= files / 2, TimeSpan.FromSeconds(30), "half the burst in flight", ct);
        ProcessTable.Signal(victimPid, "KILL");

        await pipeline.WaitForRecordsAsync($"{run}/", files, TimeSpan.FromSeconds(90), ct);
        await WaitUntilAsync(async () => await InFlightAsync(sqs, ct) == 0 && await DepthAsync(sqs, pipeline.Outputs.QueueUrl, ct) == 0,
            TimeSpan.FromSeconds(60), "the queue drained", ct);

        // Exactly once: one record per object, equal to the object's state, written once (revision 1: a message that
        // came back after the kill found its record current or wrote it for the first time), none dead-lettered.
        using var dynamo = pipeline.Dynamo();
        var store = new RecordStore(dynamo, pipeline.Outputs.TableName);
        var stored = new List<StoredRecord>();
        foreach (var state in uploaded)
        {
            stored.Add(await store.ReadAsync(state.Bucket, state.Key, ct) ?? throw new Xunit.Sdk.XunitException($"no record of {state.Key}"));
        }

        Assert.Equal(files, (await pipeline.RecordsAsync($"{run}/", ct)).Count);
        await RecordConvergence.AssertCurrentAsync(store, uploaded, ct);
        Assert.All(stored, s => Assert.True(s.Revision == 1, $"{s.Record.Key}: written {s.Revision} times (attempts {s.Record.Attempts})"));
        Assert.Equal(0, await DepthAsync(sqs, pipeline.Outputs.DeadLetterQueueUrl, ct));

        // The killed replica really held messages: they came back (receive count 2 or more) to a live replica, which
        // either wrote a record the dead one had not (attempts 2+) or found the record the dead one had written current
        // (it logs that). Nothing else makes a message come back here: no processor reported a failed message.
        var redelivered = stored.Where(s => s.Record.Attempts >= 2).Select(s => s.Record.Key).ToList();
        // (Logs reach the receiver in batches: wait for them when no record shows the redelivery.)
        var foundCurrent = await pipeline.Telemetry.WaitForAsync("a redelivery after the kill (a record with attempts 2+, or a processor log that found one current)",
            r => r.Logs.Where(log => log.ServiceName == "processor" && log.Body.Contains($"/{run}/", StringComparison.Ordinal)
                && log.Body.Contains("already describes the object's current version", StringComparison.Ordinal)).ToList() is var current
                && redelivered.Count + current.Count > 0 ? current : null,
            TimeSpan.FromSeconds(30), ct);
        Assert.DoesNotContain(pipeline.Telemetry.Logs, log => log.ServiceName == "processor" && log.Body.Contains("failed on receive", StringComparison.Ordinal));
        TestContext.Current.SendDiagnosticMessage(
            $"burst: {files} objects, {redelivered.Count} written on a redelivery after the kill, {foundCurrent.Count} redeliveries found their record current");

        // The crashed replica was started again: a new process for the same replica, healthy.
        await pipeline.WaitForAllInstancesHealthyAsync("processor", ct);
        await WaitUntilAsync(() => Task.FromResult(pipeline.ProcessIds("processor").TryGetValue(victimId, out var pid) && pid != victimPid && ProcessTable.IsRunning(pid)),
            TimeSpan.FromSeconds(60), $"{victimId} running again as a new process", ct);
        Assert.Contains(pipeline.Log.Lines, line => line.Contains($"{victimId} (pid {victimPid}) exited with code", StringComparison.Ordinal));
        Assert.False(ProcessTable.IsRunning(victimPid));
    }

    [Fact]
    public async Task Dashboard_commands_report_status_backfill_and_reconcile_a_prefix_and_redrive_the_dead_letters()
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

        // A delete on the versioned bucket makes a delete marker, for which moto sends no event: only reconcile sees it.
        await s3.DeleteObjectAsync(pipeline.Outputs.BucketName, $"{run}/cmd-1.txt", ct);
        var reconcile = await pipeline.App.ResourceCommands.ExecuteCommandAsync(
            "stack", PipelineCommands.Reconcile, new InteractionInputCollection([new InteractionInput { Name = "prefix", InputType = InputType.Text, Value = $"{run}/" }]), ct);
        Assert.True(reconcile.Success, reconcile.Message);
        Assert.StartsWith($"1 objects, 2 records under '{run}/'", reconcile.Message, StringComparison.Ordinal);
        Assert.Contains("1 records without an object", reconcile.Message, StringComparison.Ordinal);
        Assert.Contains("enqueued 1 syncs, 0 failed", reconcile.Message, StringComparison.Ordinal);
        await pipeline.WaitForStatusAsync($"{run}/cmd-1.txt", RecordStatus.Deleted, RecordTimeout, ct);
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
