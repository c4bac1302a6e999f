using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace FilePipeline.FileRecords;

/// <summary>
/// Reads and writes records with optimistic concurrency: every item carries a <see cref="RevisionAttribute"/>, and
/// a write replaces the item only if the revision is still the one its writer read before it looked at the object.
/// Two writers of one key cannot both win, and the loser knows it (it reads again and syncs again), so a record
/// only ever moves forward to what its last successful writer saw in S3.
/// </summary>
public sealed class RecordStore(IAmazonDynamoDB dynamo, string tableName)
{
    /// <summary>The item attribute holding the record's revision (1 for the first write, +1 for each later one).</summary>
    public const string RevisionAttribute = "Revision";

    public string TableName => tableName;

    /// <summary>The record of one object and its revision (a consistent read), or null when there is none.</summary>
    public async Task<StoredRecord?> ReadAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = tableName,
            Key = ItemKey(bucket, key),
            ConsistentRead = true,
        }, cancellationToken);
        return response.Item is { Count: > 0 } item ? new StoredRecord(FileRecordItem.FromItem(item), Revision(item)) : null;
    }

    /// <summary>Keys one BatchGetItem may ask for.</summary>
    public const int MaxKeysPerBatchRead = 100;

    /// <summary>
    /// The records of several objects and their revisions, consistent reads as <see cref="ReadAsync"/> makes, in one
    /// BatchGetItem per <see cref="MaxKeysPerBatchRead"/> keys. Every key DynamoDB answered is in the result, with
    /// null when it has no record; a key it left unprocessed (throttled) is not, and is for the caller to read alone.
    /// </summary>
    public async Task<Dictionary<(string Bucket, string Key), StoredRecord?>> ReadManyAsync(
        IReadOnlyCollection<(string Bucket, string Key)> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var unique = keys.Distinct().ToList(); // DynamoDB refuses a request that names one key twice
        var result = new Dictionary<(string Bucket, string Key), StoredRecord?>(unique.Count);
        foreach (var chunk in unique.Chunk(MaxKeysPerBatchRead))
        {
            var response = await dynamo.BatchGetItemAsync(new BatchGetItemRequest
            {
                RequestItems = new()
                {
                    [tableName] = new KeysAndAttributes
                    {
                        Keys = [.. chunk.Select(key => ItemKey(key.Bucket, key.Key))],
                        ConsistentRead = true,
                    },
                },
            }, cancellationToken);
            foreach (var key in chunk)
            {
                result[key] = null;
            }

            if (response.UnprocessedKeys?.GetValueOrDefault(tableName)?.Keys is { } unprocessed)
            {
                foreach (var item in unprocessed)
                {
                    result.Remove((item[RecordTable.BucketAttribute].S, item[RecordTable.KeyAttribute].S));
                }
            }

            foreach (var item in response.Responses?.GetValueOrDefault(tableName) ?? [])
            {
                result[(item[RecordTable.BucketAttribute].S, item[RecordTable.KeyAttribute].S)] = new StoredRecord(FileRecordItem.FromItem(item), Revision(item));
            }
        }

        return result;
    }

    /// <summary>The record of one object, or null when there is none.</summary>
    public async Task<FileRecord?> GetAsync(string bucket, string key, CancellationToken cancellationToken) =>
        (await ReadAsync(bucket, key, cancellationToken))?.Record;

    /// <summary>
    /// Writes <paramref name="record"/> as revision <paramref name="readRevision"/> + 1, replacing the whole item, on
    /// condition that the stored revision is still <paramref name="readRevision"/> (0: no record, or one from before
    /// revisions). False when another writer changed the record since it was read: nothing was written.
    /// </summary>
    public async Task<bool> TryWriteAsync(FileRecord record, long readRevision, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(readRevision);
        using var item = PooledRecordItem.Rent(record);
        item.Item[RevisionAttribute] = item.Number((readRevision + 1).ToString(CultureInfo.InvariantCulture));
        var request = new PutItemRequest
        {
            TableName = tableName,
            Item = item.Item,
            ConditionExpression = readRevision == 0 ? "attribute_not_exists(#revision)" : "#revision = :read",
            ExpressionAttributeNames = new() { ["#revision"] = RevisionAttribute },
            ExpressionAttributeValues = readRevision == 0 ? null : new() { [":read"] = Number(readRevision) },
        };
        try
        {
            // The pooled item goes back once the call has answered: the SDK has written it into the request by then.
            await dynamo.PutItemAsync(request, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <summary>The revision an item carries (0 when it has none).</summary>
    public static long Revision(IReadOnlyDictionary<string, AttributeValue> item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.TryGetValue(RevisionAttribute, out var value) && value.N is { } n
            ? long.Parse(n, NumberStyles.None, CultureInfo.InvariantCulture)
            : 0;
    }

    private static Dictionary<string, AttributeValue> ItemKey(string bucket, string key) => new()
    {
        [RecordTable.BucketAttribute] = new AttributeValue { S = bucket },
        [RecordTable.KeyAttribute] = new AttributeValue { S = key },
    };

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };
}
