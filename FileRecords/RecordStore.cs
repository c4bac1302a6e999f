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
            Key = new()
            {
                [RecordTable.BucketAttribute] = new AttributeValue { S = bucket },
                [RecordTable.KeyAttribute] = new AttributeValue { S = key },
            },
            ConsistentRead = true,
        }, cancellationToken);
        return response.Item is { Count: > 0 } item ? new StoredRecord(FileRecordItem.FromItem(item), Revision(item)) : null;
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

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };
}
