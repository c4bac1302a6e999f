using System.Globalization;
using System.Net;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using FilePipeline.FileRecords;

namespace FilePipeline.Operations;

/// <summary>
/// Heals what events missed: walks the bucket's objects and the table's records under a prefix side by side, both
/// in key order, one page of each at a time (so memory stays bounded for millions of keys), and enqueues a sync
/// event for every key that differs: an object without a record, a record whose object is gone, a record that
/// describes another version. The processor then brings each of those records in line with S3, exactly as for any
/// other event (docs/processor.md); a key already in sync costs nothing but its share of the listings.
/// <paramref name="pageSize"/> bounds each listing page (S3's MaxKeys, DynamoDB's Limit; 1,000 by default).
/// </summary>
public sealed class Reconcile(
    IAmazonS3 s3, IAmazonSQS sqs, IAmazonDynamoDB dynamo, string bucket, string queueUrl, string tableName, int pageSize = 1000)
{
    public const string PrincipalId = "FilePipeline:reconcile";

    private const int SendBatchSize = 10;

    public async Task<ReconcileResult> RunAsync(string prefix, Action<ReconcileResult>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        var tally = new Tally();
        var pending = new List<string>(SendBatchSize);
        await using var objects = ObjectsAsync(prefix, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using var records = RecordsAsync(prefix, cancellationToken).GetAsyncEnumerator(cancellationToken);
        var haveObject = await objects.MoveNextAsync();
        var haveRecord = await records.MoveNextAsync();
        while (haveObject || haveRecord)
        {
            var order = !haveObject ? 1 : !haveRecord ? -1 : KeyOrder(objects.Current.Key!, records.Current.Key);
            string? body = null;
            if (order < 0)
            {
                tally.Objects++;
                tally.ObjectsWithoutRecord++;
                body = Created(objects.Current);
                haveObject = await objects.MoveNextAsync();
            }
            else if (order > 0)
            {
                tally.Records++;
                if (records.Current.IsGone)
                {
                    tally.InSync++;
                }
                else
                {
                    tally.RecordsWithoutObject++;
                    body = Removed(records.Current.Key);
                }

                haveRecord = await records.MoveNextAsync();
            }
            else
            {
                tally.Objects++;
                tally.Records++;
                if (records.Current.Describes(objects.Current))
                {
                    tally.InSync++;
                }
                else
                {
                    tally.StaleRecords++;
                    body = Created(objects.Current);
                }

                haveObject = await objects.MoveNextAsync();
                haveRecord = await records.MoveNextAsync();
            }

            if (body is not null)
            {
                pending.Add(body);
                if (pending.Count == SendBatchSize)
                {
                    await SendAsync(pending, tally, cancellationToken);
                    progress?.Invoke(tally.Result());
                }
            }
        }

        await SendAsync(pending, tally, cancellationToken);
        var result = tally.Result();
        progress?.Invoke(result);
        return result;
    }

    /// <summary>
    /// S3 lists keys, and DynamoDB sorts a string range key, in UTF-8 byte order, which is code point order; .NET's
    /// ordinal order (UTF-16 code units) differs from it where a surrogate pair meets U+E000–U+FFFF.
    /// </summary>
    public static int KeyOrder(string left, string right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var a = left.EnumerateRunes();
        var b = right.EnumerateRunes();
        while (true)
        {
            var moreA = a.MoveNext();
            var moreB = b.MoveNext();
            if (!moreA || !moreB)
            {
                return moreA ? 1 : moreB ? -1 : 0;
            }

            if (a.Current != b.Current)
            {
                return a.Current.Value.CompareTo(b.Current.Value);
            }
        }
    }

    private async IAsyncEnumerable<S3Object> ObjectsAsync(
        string prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix, MaxKeys = pageSize, Encoding = EncodingType.Url };
        do
        {
            var page = await s3.ListObjectsV2Async(request, cancellationToken);
            foreach (var item in page.S3Objects ?? [])
            {
                // Asked for URL-encoded keys (form encoding, as boto decodes them): any key survives the XML, U+FFFE too.
                item.Key = WebUtility.UrlDecode(item.Key);
                yield return item;
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
        while (!string.IsNullOrEmpty(request.ContinuationToken));
    }

    private async IAsyncEnumerable<RecordState> RecordsAsync(
        string prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new QueryRequest
        {
            TableName = tableName,
            KeyConditionExpression = prefix.Length == 0 ? "#b = :b" : "#b = :b AND begins_with(#k, :p)",
            // Only what the comparison needs: a reconcile of millions of records should not read their previews.
            ProjectionExpression = "#k, #s, #e, #z, #m",
            ExpressionAttributeNames = new()
            {
                ["#b"] = RecordTable.BucketAttribute,
                ["#k"] = RecordTable.KeyAttribute,
                ["#s"] = RecordTable.StatusAttribute,
                ["#e"] = nameof(FileRecord.ETag),
                ["#z"] = nameof(FileRecord.Size),
                ["#m"] = nameof(FileRecord.LastModified),
            },
            ExpressionAttributeValues = new() { [":b"] = new AttributeValue { S = bucket } },
            ConsistentRead = true,
            Limit = pageSize,
        };
        if (prefix.Length > 0)
        {
            request.ExpressionAttributeValues[":p"] = new AttributeValue { S = prefix };
        }

        do
        {
            var page = await dynamo.QueryAsync(request, cancellationToken);
            foreach (var item in page.Items ?? [])
            {
                yield return RecordState.From(item);
            }

            request.ExclusiveStartKey = page.LastEvaluatedKey;
        }
        while (request.ExclusiveStartKey is { Count: > 0 });
    }

    private async Task SendAsync(List<string> bodies, Tally tally, CancellationToken cancellationToken)
    {
        if (bodies.Count == 0)
        {
            return;
        }

        var entries = bodies.Select((body, i) => new SendMessageBatchRequestEntry(i.ToString(CultureInfo.InvariantCulture), body)).ToList();
        var sent = await sqs.SendMessageBatchAsync(new SendMessageBatchRequest(queueUrl, entries), cancellationToken);
        tally.Enqueued += sent.Successful?.Count ?? 0;
        tally.Failed += sent.Failed?.Count ?? 0;
        bodies.Clear();
    }

    private string Created(S3Object item) =>
        S3EventNotification.Body(Region, bucket, "ObjectCreated:Put", item.Key!, item.Size ?? 0, item.ETag, PrincipalId, "reconcile");

    private string Removed(string key) =>
        S3EventNotification.Body(Region, bucket, "ObjectRemoved:Delete", key, 0, null, PrincipalId, "reconcile");

    private string Region => s3.Config.RegionEndpoint?.SystemName ?? s3.Config.AuthenticationRegion ?? "us-east-1";

    /// <summary>The part of a record a reconcile compares with the object's listing.</summary>
    private sealed record RecordState(string Key, RecordStatus Status, string? ETag, long? Size, DateTimeOffset? LastModified)
    {
        public bool IsGone => Status is RecordStatus.Deleted or RecordStatus.Missing;

        public static RecordState From(Dictionary<string, AttributeValue> item)
        {
            var record = FileRecordItem.FromItem(item);
            return new RecordState(record.Key, record.Status, record.ETag, record.Size, record.LastModified);
        }

        /// <summary>
        /// True when the record was written from the listed version: measured (processed or rejected), same ETag and
        /// size, and the same last-modified second (a listing and a HeadObject round it differently).
        /// </summary>
        public bool Describes(S3Object item) =>
            Status is RecordStatus.Processed or RecordStatus.Rejected
            && ETag == item.ETag?.Trim('"')
            && Size == item.Size
            && LastModified is { } recorded && item.LastModified is { } listed
            && recorded.ToUnixTimeSeconds() == new DateTimeOffset(listed.ToUniversalTime(), TimeSpan.Zero).ToUnixTimeSeconds();
    }

    private sealed class Tally
    {
        public int Objects { get; set; }
        public int Records { get; set; }
        public int InSync { get; set; }
        public int ObjectsWithoutRecord { get; set; }
        public int RecordsWithoutObject { get; set; }
        public int StaleRecords { get; set; }
        public int Enqueued { get; set; }
        public int Failed { get; set; }

        public ReconcileResult Result() =>
            new(Objects, Records, InSync, ObjectsWithoutRecord, RecordsWithoutObject, StaleRecords, Enqueued, Failed);
    }
}
