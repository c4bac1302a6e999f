using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using FilePipeline.Cli;
using FilePipeline.Tests.AppHost;
using FilePipeline.Tests.Emulator;
using FilePipeline.Tests.Telemetry;

namespace FilePipeline.Tests.Cli;

/// <summary>The <c>upload</c> verb, run as the real AppHost process against the shared emulator.</summary>
public sealed class UploadVerbTests(MotoFixture moto) : IDisposable
{
    private static readonly TimeSpan VerbTimeout = TimeSpan.FromSeconds(60);

    private readonly string _folder = Directory.CreateTempSubdirectory("upload-verb-").FullName;

    [Fact]
    public async Task Upload_sends_files_and_folders_and_reports_the_count()
    {
        var ct = TestContext.Current.CancellationToken;
        using var s3 = S3();
        var bucket = MotoFixture.UniqueName("upload");
        await s3.PutBucketAsync(bucket, ct);
        var single = Write("notes.txt", "hello world");
        Write("photos/cat.json", "{\"cat\":true}");
        Write("photos/2024/κλειδί with space+plus.bin", new string('x', 70_000));

        var (exitCode, output) = await Verb(bucket, ["upload", single, Path.Combine(_folder, "photos"), "--prefix", "in/"], ct);

        Assert.True(exitCode == ExitCodes.Success, string.Join('\n', output));
        Assert.Contains(output, line => line.StartsWith($"uploaded 3 of 3 files", StringComparison.Ordinal) && line.EndsWith("; 0 failed", StringComparison.Ordinal));
        Assert.DoesNotContain(output, line => line.Contains('\u001b', StringComparison.Ordinal) || line.Contains('\r', StringComparison.Ordinal)); // redirected: plain
        var listed = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket }, ct);
        Assert.Equal(
            ["in/notes.txt", "in/photos/2024/κλειδί with space+plus.bin", "in/photos/cat.json"],
            listed.S3Objects.Select(o => o.Key).Order(StringComparer.Ordinal));
        var json = await s3.GetObjectMetadataAsync(bucket, "in/photos/cat.json", ct);
        Assert.Equal("application/json", json.Headers.ContentType);
        Assert.Equal(70_000, listed.S3Objects.Single(o => o.Key.EndsWith(".bin", StringComparison.Ordinal)).Size);
    }

    [Fact]
    public async Task Upload_with_a_missing_path_uploads_nothing_and_exits_with_a_usage_error()
    {
        var ct = TestContext.Current.CancellationToken;
        using var s3 = S3();
        var bucket = MotoFixture.UniqueName("upload");
        await s3.PutBucketAsync(bucket, ct);
        var present = Write("present.txt", "here");

        var (exitCode, output) = await Verb(bucket, ["upload", present, Path.Combine(_folder, "absent.txt")], ct);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains(output, line => line.Contains("no such file or folder", StringComparison.Ordinal) && line.Contains("absent.txt", StringComparison.Ordinal));
        var listed = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket }, ct);
        Assert.Empty(listed.S3Objects ?? []);
    }

    [Fact]
    public async Task Upload_to_a_bucket_that_does_not_exist_exits_unavailable()
    {
        var ct = TestContext.Current.CancellationToken;
        var file = Write("lonely.txt", "nobody home");

        var (exitCode, output) = await Verb(MotoFixture.UniqueName("absent"), ["upload", file], ct);

        Assert.Equal(ExitCodes.Unavailable, exitCode);
        Assert.Contains(output, line => line.Contains("does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Upload_stores_a_w3c_traceparent_in_each_object_even_without_an_exporter()
    {
        var ct = TestContext.Current.CancellationToken;
        using var s3 = S3();
        var bucket = MotoFixture.UniqueName("upload");
        await s3.PutBucketAsync(bucket, ct);
        Write("t/a.txt", "a");
        Write("t/b.txt", "b");

        var (exitCode, output) = await Verb(bucket, ["upload", Path.Combine(_folder, "t")], ct);

        Assert.True(exitCode == ExitCodes.Success, string.Join('\n', output));
        var traces = new List<string>();
        foreach (var key in new[] { "t/a.txt", "t/b.txt" })
        {
            var metadata = await s3.GetObjectMetadataAsync(bucket, key, ct);
            var traceparent = metadata.Metadata["x-amz-meta-traceparent"];
            Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-01$", traceparent);
            traces.Add(traceparent.Split('-')[1]);
        }

        Assert.NotEqual(traces[0], traces[1]); // one trace per file
    }

    [Fact]
    public async Task Upload_exports_the_command_and_file_spans_over_otlp()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var receiver = await OtlpReceiver.StartAsync(ct);
        using var s3 = S3();
        var bucket = MotoFixture.UniqueName("upload");
        await s3.PutBucketAsync(bucket, ct);
        var file = Write("traced.txt", "traced");

        var (exitCode, output) = await CliProcess.RunAsync(
            ["upload", file, "--endpoint", moto.Url.ToString()], VerbTimeout, ct,
            new Dictionary<string, string>
            {
                ["AWS__Resources__BucketName"] = bucket,
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString().TrimEnd('/'),
                ["OTEL_SERVICE_NAME"] = "apphost-upload-test",
            });

        Assert.True(exitCode == ExitCodes.Success, string.Join('\n', output));
        var traceId = (await s3.GetObjectMetadataAsync(bucket, "traced.txt", ct)).Metadata["x-amz-meta-traceparent"].Split('-')[1];
        // The process flushed before it exited: everything is there already.
        var spans = receiver.Spans.Where(span => span.ServiceName == "apphost-upload-test").ToList();
        var command = Assert.Single(spans, span => span.Name == "upload" && span.Attributes.GetValueOrDefault("process.command") == "upload");
        var upload = Assert.Single(spans, span => span.Name == "upload" && span.TraceId == traceId);
        Assert.Equal("traced.txt", upload.Attributes["aws.s3.key"]);
        Assert.Contains(command.TraceId, upload.LinkedTraceIds);
        Assert.Contains(receiver.Logs, log => log.ServiceName == "apphost-upload-test" && log.Body.Contains("finished with exit code", StringComparison.Ordinal));
    }

    [Fact]
    public async Task On_a_terminal_upload_draws_a_progress_bar_over_the_bytes()
    {
        var ct = TestContext.Current.CancellationToken;
        using var s3 = S3();
        var bucket = MotoFixture.UniqueName("upload");
        await s3.PutBucketAsync(bucket, ct);
        var large = Path.Combine(_folder, "large.txt");
        await using (var file = File.Create(large))
        {
            await new GeneratedStream(20L * 1024 * 1024).CopyToAsync(file, ct); // multipart
        }

        var (exitCode, output) = await CliProcess.RunOnTerminalAsync(
            ["upload", large, Write("small.txt", "small"), "--endpoint", moto.Url.ToString()], VerbTimeout, ct,
            new Dictionary<string, string> { ["AWS__Resources__BucketName"] = bucket });

        Assert.True(exitCode == ExitCodes.Success, output);
        var plain = System.Text.RegularExpressions.Regex.Replace(output, "\u001b\\[[0-9;?]*[A-Za-z]", "");
        Assert.NotEqual(output, plain); // drawn in place, with control codes
        Assert.Contains("/20.0 MiB", plain, StringComparison.Ordinal); // bytes sent of the total
        Assert.Contains("2/2 files", plain, StringComparison.Ordinal);
        Assert.Contains("100%", plain, StringComparison.Ordinal);
        Assert.Contains("uploaded 2 of 2 files (20.0 MiB)", output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private Task<(int ExitCode, IReadOnlyList<string> Output)> Verb(string bucket, string[] arguments, CancellationToken ct) =>
        CliProcess.RunAsync(
            [.. arguments, "--endpoint", moto.Url.ToString()],
            VerbTimeout,
            ct,
            new Dictionary<string, string> { ["AWS__Resources__BucketName"] = bucket });

    private string Write(string relative, string content)
    {
        var path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private IAmazonS3 S3() => moto.Client<IAmazonS3>();
}
