using System.Globalization;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace FilePipeline.Operations;

/// <summary>
/// Enqueues an <c>ObjectCreated</c> event for every object already in the bucket under a prefix, in the S3
/// notification format (key form-encoded, as S3 sends it), so the processor syncs each one's record: an object
/// without one, or whose record describes another version, is read and recorded; one already described costs a
/// HeadObject. <see cref="Reconcile"/> enqueues only the keys that differ, deleted ones included.
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

    private string EventFor(S3Object item) =>
        S3EventNotification.Body(region, bucket, "ObjectCreated:Put", item.Key!, item.Size ?? 0, item.ETag, PrincipalId, "backfill");
}
