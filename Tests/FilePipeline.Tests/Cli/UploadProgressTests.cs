using System.Collections.Concurrent;
using Amazon.Runtime;
using Amazon.S3;
using FilePipeline.Cli.Upload;
using FilePipeline.Tests.Emulator;

namespace FilePipeline.Tests.Cli;

/// <summary><c>upload</c>'s progress: it moves with the bytes sent, part by part for a multipart file, not file by file.</summary>
public sealed class UploadProgressTests(MotoFixture moto) : IDisposable
{
    private const long MultipartSize = 24L * 1024 * 1024; // over TransferUtility's 16 MiB threshold: 5 parts of 5 MiB

    private readonly string _folder = Directory.CreateTempSubdirectory("upload-progress-").FullName;

    [Fact]
    public async Task A_multipart_file_moves_the_progress_while_its_parts_go_out()
    {
        var ct = TestContext.Current.CancellationToken;
        using var s3 = new AmazonS3Client(new BasicAWSCredentials("test", "test"),
            new AmazonS3Config { ServiceURL = moto.Url.ToString(), AuthenticationRegion = moto.Region, ForcePathStyle = true });
        var bucket = MotoFixture.UniqueName("progress");
        await s3.PutBucketAsync(bucket, ct);
        var path = Path.Combine(_folder, "large.txt");
        await using (var file = File.Create(path))
        {
            await new GeneratedStream(MultipartSize).CopyToAsync(file, ct);
        }

        var progress = new UploadProgress(1, MultipartSize);
        var samples = new ConcurrentQueue<(long Bytes, int Files)>();
        progress.Changed += now => samples.Enqueue((now.BytesSent, now.FilesDone));

        var result = await new FileUploader(s3, bucket, concurrency: 1).UploadAsync([new UploadItem(path, "large.txt", MultipartSize)], progress, ct);

        Assert.Equal(1, result.Uploaded);
        Assert.Equal(MultipartSize, (await s3.GetObjectMetadataAsync(bucket, "large.txt", ct)).ContentLength);
        var beforeDone = samples.Where(s => s.Files == 0).Select(s => s.Bytes).Distinct().ToList();
        Assert.True(beforeDone.Count(bytes => bytes is > 0 and < MultipartSize) >= 5,
            $"progress before the file finished: {string.Join(", ", beforeDone.Take(20))}");
        Assert.Contains(beforeDone, bytes => bytes < MultipartSize / 2); // it moved early, not only at the end
        Assert.Equal((MultipartSize, 1), (progress.BytesSent, progress.FilesDone));
        Assert.Equal(MultipartSize, result.Bytes);
    }

    [Fact]
    public void Parts_reporting_out_of_order_count_only_growth_and_a_finished_file_counts_its_size()
    {
        var progress = new UploadProgress(2, 300);
        var first = progress.StartFile();
        var second = progress.StartFile();

        first.Transferred(60);
        first.Transferred(40); // an earlier part's report arriving late
        second.Transferred(30);
        Assert.Equal((90L, 0), (progress.BytesSent, progress.FilesDone));

        first.Done(stored: true, size: 100); // the SDK reported 60 of 100
        Assert.Equal((130L, 1), (progress.BytesSent, progress.FilesDone));

        second.Done(stored: false, size: 200); // a failed file no longer counts what it had sent
        Assert.Equal((100L, 2), (progress.BytesSent, progress.FilesDone));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
