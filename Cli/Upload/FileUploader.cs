using System.Collections.Concurrent;
using System.Diagnostics;
using Amazon.S3;
using Amazon.S3.Transfer;
using FilePipeline.Telemetry;

namespace FilePipeline.Cli.Upload;

/// <summary>
/// Uploads files concurrently (multipart for large ones, through the SDK's TransferUtility). A file that fails
/// is reported and counted, and the others go on. When a trace is active (telemetry configured), each object
/// carries its W3C <c>traceparent</c> in user metadata (<see cref="TraceMetadata"/>) so processing continues the
/// upload's trace. The verb runs inside <see cref="CliTelemetry"/>, so spans are always recorded.
/// </summary>
public sealed class FileUploader(IAmazonS3 s3, string bucket, int concurrency)
{
    public async Task<UploadResult> UploadAsync(IReadOnlyList<UploadItem> items, UploadProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var failures = new ConcurrentQueue<(UploadItem Item, string Error)>();
        var clock = Stopwatch.StartNew();
        using var transfer = new TransferUtility(s3);
        await Parallel.ForEachAsync(
            items,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (item, ct) =>
            {
                // One trace per file, linked to the command's span; its context goes into the object's metadata.
                using var activity = UploadTracing.StartUpload(CliTelemetry.Source, bucket, item.Key, item.Size);
                var request = new TransferUtilityUploadRequest
                {
                    BucketName = bucket,
                    Key = item.Key,
                    FilePath = item.Path,
                    ContentType = ContentTypes.For(item.Path),
                };
                TraceMetadata.Inject(activity, (name, value) => request.Metadata.Add(name, value));
                var file = progress.StartFile();
                request.UploadProgressEvent += (_, sent) => file.Transferred(sent.TransferredBytes);

                var stored = false;
                try
                {
                    await transfer.UploadAsync(request, ct);
                    stored = true;
                }
                catch (Exception e) when (e is AmazonS3Exception or IOException or UnauthorizedAccessException or Amazon.Runtime.AmazonClientException)
                {
                    failures.Enqueue((item, e.Message));
                    activity?.SetStatus(ActivityStatusCode.Error, e.Message);
                }

                file.Done(stored, item.Size);
            });
        return new UploadResult(items.Count - failures.Count, [.. failures], progress.BytesSent, clock.Elapsed);
    }
}
