using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace FilePipeline.FileRecords;

/// <summary>What a conditional write did.</summary>
public enum WriteOutcome
{
    /// <summary>The record was created or replaced.</summary>
    Written,

    /// <summary>The table already holds a newer event for the key: nothing changed.</summary>
    Stale,
}

/// <summary>
/// Writes records with one conditional PutItem each: a record replaces the stored one only when its order key
/// (<see cref="RecordOrder"/>) is not older, so redeliveries converge on one record and never regress it.
/// </summary>
public sealed class RecordStore(IAmazonDynamoDB dynamo, string tableName)
{
    public const string OrderKeyAttribute = "OrderKey";

    public string TableName => tableName;

    public async Task<WriteOutcome> WriteAsync(FileRecord record, string orderKey, CancellationToken cancellationToken)
    {
        var item = FileRecordItem.ToItem(record);
        item[OrderKeyAttribute] = new AttributeValue { S = orderKey };
        var request = new PutItemRequest
        {
            TableName = tableName,
            Item = item,
            ConditionExpression = "attribute_not_exists(#key) OR attribute_not_exists(#order) OR #order <= :order",
            ExpressionAttributeNames = new() { ["#key"] = RecordTable.KeyAttribute, ["#order"] = OrderKeyAttribute },
            ExpressionAttributeValues = new() { [":order"] = new AttributeValue { S = orderKey } },
        };
        try
        {
            await dynamo.PutItemAsync(request, cancellationToken);
            return WriteOutcome.Written;
        }
        catch (ConditionalCheckFailedException)
        {
            return WriteOutcome.Stale;
        }
    }

    /// <summary>
    /// Marks the object's record DELETED (creating a bare one when none exists), keeping what the record knew
    /// about the object (hash, type, size) unless a newer event is already stored.
    /// </summary>
    public async Task<WriteOutcome> MarkDeletedAsync(FileRecord deleted, string orderKey, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, AttributeValue>
        {
            [":order"] = new() { S = orderKey },
        };
        var names = new Dictionary<string, string>
        {
            ["#key"] = RecordTable.KeyAttribute,
            ["#order"] = OrderKeyAttribute,
        };
        var sets = new List<string> { "#order = :order" };
        var remove = new List<string>();
        var item = FileRecordItem.ToItem(deleted);
        foreach (var (name, value) in item)
        {
            if (name is RecordTable.BucketAttribute or RecordTable.KeyAttribute)
            {
                continue;
            }

            var placeholder = "#a" + names.Count;
            names[placeholder] = name;
            values[":v" + values.Count] = value;
            sets.Add($"{placeholder} = :v{values.Count - 1}");
        }

        if (!item.ContainsKey(nameof(FileRecord.Reason)))
        {
            names["#reason"] = nameof(FileRecord.Reason);
            remove.Add("#reason");
        }

        var request = new UpdateItemRequest
        {
            TableName = tableName,
            Key = new()
            {
                [RecordTable.BucketAttribute] = new AttributeValue { S = deleted.Bucket },
                [RecordTable.KeyAttribute] = new AttributeValue { S = deleted.Key },
            },
            UpdateExpression = "SET " + string.Join(", ", sets) + (remove.Count > 0 ? " REMOVE " + string.Join(", ", remove) : ""),
            ConditionExpression = "attribute_not_exists(#key) OR attribute_not_exists(#order) OR #order <= :order",
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
        };
        try
        {
            await dynamo.UpdateItemAsync(request, cancellationToken);
            return WriteOutcome.Written;
        }
        catch (ConditionalCheckFailedException)
        {
            return WriteOutcome.Stale;
        }
    }

    public async Task<FileRecord?> GetAsync(string bucket, string key, CancellationToken cancellationToken)
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
        return response.Item is { Count: > 0 } item ? FileRecordItem.FromItem(item) : null;
    }
}
