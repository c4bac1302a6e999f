using System.Globalization;
using System.Net;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace FilePipeline.Operations;

/// <summary>
/// Enqueues an <c>ObjectCreated</c> event for every object already in the bucket under a prefix, in the S3
/// notification format (key form-encoded, as S3 sends it), so the processor handles those objects again.
/// </summary>
public sealed class Backfill(IAmazonS3 s3, IAmazonSQS sqs, string bucket, string queueUrl, string region)
{
    public const string PrincipalId = "FilePipeline.AppHost:backfill";

    public async Task<BackfillResult> RunAsync(string prefix, Action<int>? progress, CancellationToken cancellationToken)
    {
        int listed = 0, enqueued = 0, failed = 0;
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix };
        do
        {
            var page = await s3.ListObjectsV2Async(request, cancellationToken);
            var objects = page.S3Objects ?? [];
            listed += objects.Count;
            foreach (var batch in objects.Chunk(10))
            {
                var entries = batch.Select((item, index) => new SendMessageBatchRequestEntry(
                    index.ToString(CultureInfo.InvariantCulture), EventFor(item))).ToList();
                var sent = await sqs.SendMessageBatchAsync(new SendMessageBatchRequest(queueUrl, entries), cancellationToken);
                enqueued += sent.Successful?.Count ?? 0;
                failed += sent.Failed?.Count ?? 0;
                progress?.Invoke(enqueued);
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
        while (!string.IsNullOrEmpty(request.ContinuationToken));

        return new BackfillResult(listed, enqueued, failed);
    }

    private string EventFor(S3Object item)
    {
        var notification = new S3EventNotification(
        [
            new S3EventRecord(
                "2.1",
                "aws:s3",
                region,
                DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
                "ObjectCreated:Put",
                new S3Principal(PrincipalId),
                new S3Entity(
                    "1.0",
                    "backfill",
                    new S3BucketEntity(bucket, $"arn:aws:s3:::{bucket}"),
                    new S3ObjectEntity(WebUtility.UrlEncode(item.Key), item.Size ?? 0, item.ETag?.Trim('"'), null))),
        ]);
        return JsonSerializer.Serialize(notification, OperationsJsonContext.Default.S3EventNotification);
    }
}
