using System.Net;
using System.Text.RegularExpressions;
using FilePipeline.FileRecords;
using FilePipeline.Tests.Infrastructure;

namespace FilePipeline.Tests.Processor;

/// <summary>What the real worker process says in a normal start and for normal files: one line each, nothing empty.</summary>
public sealed class ProcessorLogTests(MotoFixture moto)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_normal_start_and_normal_files_say_only_what_a_reader_needs()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var aws = await ProcessorResources.CreateAsync(moto, ct);
        await using var queues = await QueueResources.CreateAsync(moto, aws, maxReceiveCount: 5, ct);
        var port = ProcessorProcess.FreePort();
        using var worker = ProcessorProcess.Start(moto, new Dictionary<string, string>
        {
            ["AWS__Resources__QueueUrl"] = queues.QueueUrl,
            ["AWS__Resources__TableName"] = aws.Table,
            ["AWS__Resources__BucketName"] = aws.Bucket,
            ["Processor__WaitTimeSeconds"] = "2",
            ["Processor__MaxObjectBytes"] = "1000",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
        });

        // Probed from its first moment, as an orchestrator does: a probe before the pollers run waits, it does not fail.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await Eventually.WaitAsync(() => HealthAsync(http, port, ct), status => status == HttpStatusCode.OK, Patience, "/health 200", ct);
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

    private static async Task<HttpStatusCode?> HealthAsync(HttpClient http, int port, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync($"http://127.0.0.1:{port}/health", ct);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null; // not listening yet
        }
    }
}
