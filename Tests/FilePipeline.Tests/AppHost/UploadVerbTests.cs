using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using FilePipeline.AppHost;
using FilePipeline.Tests.Infrastructure;

namespace FilePipeline.Tests.AppHost;

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

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private Task<(int ExitCode, IReadOnlyList<string> Output)> Verb(string bucket, string[] arguments, CancellationToken ct) =>
        AppHostProcess.RunAsync(
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

    private AmazonS3Client S3() => new(
        new BasicAWSCredentials("test", "test"),
        new AmazonS3Config { ServiceURL = moto.Url.ToString(), AuthenticationRegion = moto.Region, ForcePathStyle = true });
}
