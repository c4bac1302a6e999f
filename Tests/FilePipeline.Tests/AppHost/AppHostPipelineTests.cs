using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using FilePipeline.Cli;
using FilePipeline.Tests.Cli;
using FilePipeline.FileRecords;

namespace FilePipeline.Tests.AppHost;

/// <summary>
/// The whole pipeline behind the real AppHost process: files uploaded with the AWS CLI and with the
/// <c>upload</c> verb become records; a processor killed with SIGKILL during a burst loses nothing.
/// </summary>
public sealed class AppHostPipelineTests(RunningAppHost apphost) : IClassFixture<RunningAppHost>, IDisposable
{
    private static readonly TimeSpan RecordTimeout = TimeSpan.FromSeconds(90);

    private readonly string _folder = Directory.CreateTempSubdirectory("apphost-e2e-").FullName;

    [Fact]
    public async Task Files_uploaded_with_the_aws_cli_and_with_upload_become_records()
    {
        var ct = TestContext.Current.CancellationToken;
        var run = Guid.NewGuid().ToString("N")[..8];
        var cliFolder = WriteFiles("cli", 4);
        var verbFolder = WriteFiles("verb", 4);

        var cli = await RunAsync("aws", ["--endpoint-url", apphost.Endpoint.ToString(), "s3", "cp", cliFolder, $"s3://{apphost.Bucket}/{run}/cli/", "--recursive", "--only-show-errors"], ct);
        Assert.True(cli.ExitCode == 0, cli.Output);
        var (exitCode, output) = await CliProcess.RunAsync(
            ["upload", verbFolder, "--prefix", $"{run}/", "--endpoint", apphost.Endpoint.ToString()], TimeSpan.FromSeconds(60), ct);
        Assert.True(exitCode == ExitCodes.Success, string.Join('\n', output));

        var records = await WaitForRecordsAsync($"{run}/", 8, ct);
        Assert.Equal(
            Enumerable.Range(0, 4).Select(i => $"{run}/cli/file-{i}.txt").Concat(Enumerable.Range(0, 4).Select(i => $"{run}/verb/file-{i}.txt")).Order(StringComparer.Ordinal),
            records.Select(r => r.Key).Order(StringComparer.Ordinal));
        Assert.All(records, r => Assert.Equal(RecordStatus.Processed, r.Status));
        Assert.All(records, r => Assert.Equal(2, r.WordCount));

        // The upload verb's traceparent is continued by the processor: the record holds the upload's trace id,
        // and the viewer (given the AppHost's --dashboard-url) links it to the dashboard.
        using var s3 = new Amazon.S3.AmazonS3Client(Credentials, new Amazon.S3.AmazonS3Config { ServiceURL = apphost.Endpoint.ToString(), AuthenticationRegion = "us-east-1", ForcePathStyle = true });
        var verbKey = $"{run}/verb/file-0.txt";
        var traceId = (await s3.GetObjectMetadataAsync(apphost.Bucket, verbKey, ct)).Metadata["x-amz-meta-traceparent"].Split('-')[1];
        Assert.Equal(traceId, records.Single(r => r.Key == verbKey).TraceId);
        using var http = new HttpClient { BaseAddress = apphost.ViewerUrl };
        using var detail = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync($"/api/record?key={Uri.EscapeDataString(verbKey)}", ct));
        Assert.Equal($"http://dashboard.test/traces/{traceId}", detail.RootElement.GetProperty("traceUrl").GetString());
    }

    [Fact]
    public async Task Processor_killed_with_SIGKILL_during_a_burst_loses_no_record()
    {
        var ct = TestContext.Current.CancellationToken;
        var run = Guid.NewGuid().ToString("N")[..8];
        const int files = 60;
        var folder = WriteFiles("burst", files);
        var victim = apphost.LatestPid("processor-1");

        var upload = CliProcess.RunAsync(
            ["upload", folder, "--prefix", $"{run}/", "--concurrency", "16", "--endpoint", apphost.Endpoint.ToString()], TimeSpan.FromSeconds(90), ct);
        await WaitForRecordsAsync($"{run}/", 1, ct);
        ProcessTable.Signal(victim, "KILL");
        var (exitCode, output) = await upload;
        Assert.True(exitCode == ExitCodes.Success, string.Join('\n', output));

        await apphost.Host.Output.WaitForLineAsync(line => line.Contains($"processor-1 (pid {victim}) exited with code 137", StringComparison.Ordinal), RecordTimeout, ct);
        var records = await WaitForRecordsAsync($"{run}/", files, ct);
        Assert.Equal(files, records.Select(r => r.Key).Distinct().Count());
        Assert.All(records, r => Assert.Equal(RecordStatus.Processed, r.Status));
        await apphost.Host.Output.WaitForLineAsync(line => line.Contains("processor-1 is healthy", StringComparison.Ordinal) && apphost.LatestPid("processor-1") != victim, RecordTimeout, ct);

        using var sqs = new AmazonSQSClient(Credentials, new AmazonSQSConfig { ServiceURL = apphost.Endpoint.ToString(), AuthenticationRegion = "us-east-1" });
        var dlq = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest(apphost.DeadLetterQueueUrl, [QueueAttributeName.ApproximateNumberOfMessages]), ct);
        Assert.Equal(0, dlq.ApproximateNumberOfMessages);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string WriteFiles(string name, int count)
    {
        var folder = Path.Combine(_folder, name);
        Directory.CreateDirectory(folder);
        for (var i = 0; i < count; i++)
        {
            File.WriteAllText(Path.Combine(folder, $"file-{i}.txt"), $"hello {i}\n");
        }

        return folder;
    }

    private async Task<List<FileRecord>> WaitForRecordsAsync(string prefix, int expected, CancellationToken ct)
    {
        using var dynamo = new AmazonDynamoDBClient(Credentials, new AmazonDynamoDBConfig { ServiceURL = apphost.Endpoint.ToString(), AuthenticationRegion = "us-east-1" });
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var records = new List<FileRecord>();
            var request = new QueryRequest
            {
                TableName = apphost.Table,
                KeyConditionExpression = "#b = :b AND begins_with(#k, :p)",
                ExpressionAttributeNames = new() { ["#b"] = RecordTable.BucketAttribute, ["#k"] = RecordTable.KeyAttribute },
                ExpressionAttributeValues = new() { [":b"] = new AttributeValue { S = apphost.Bucket }, [":p"] = new AttributeValue { S = prefix } },
            };
            do
            {
                var page = await dynamo.QueryAsync(request, ct);
                records.AddRange(page.Items.Select(FileRecordItem.FromItem));
                request.ExclusiveStartKey = page.LastEvaluatedKey;
            }
            while (request.ExclusiveStartKey is { Count: > 0 });

            if (records.Count >= expected)
            {
                return records;
            }

            Assert.True(deadline.Elapsed < RecordTimeout, $"{records.Count} of {expected} records under {prefix} after {RecordTimeout.TotalSeconds} s");
            await Task.Delay(250, ct);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string fileName, string[] arguments, CancellationToken ct)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
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

    private static BasicAWSCredentials Credentials => new("test", "test");
}
