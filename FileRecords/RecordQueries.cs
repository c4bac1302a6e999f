using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace FilePipeline.FileRecords;

/// <summary>
/// The read side of the record table (<see cref="RecordTable"/>): newest first with pagination tokens, by
/// status, by bucket + key prefix, one object by key, counts by status and recent processing times.
/// Reads only; the processor writes.
/// </summary>
public sealed class RecordQueries(IAmazonDynamoDB dynamo, string tableName)
{
    /// <summary>The largest page a caller may ask for.</summary>
    public const int MaxPageSize = 200;

    // DynamoDB evaluates at most this many items per request; with filters a page may take several requests.
    private const int ItemsPerRequest = 100;

    // A sparse filter must not turn one page into a table scan: after this many requests the page is
    // returned short, with a token that continues where the reads stopped.
    private const int MaxRequestsPerPage = 20;

    private const string KeyOrder = "Key";

    public string TableName => tableName;

    /// <summary>
    /// Records of <paramref name="bucket"/>, newest (by processing time) first, narrowed by <paramref name="filter"/>.
    /// A status filter reads the <c>ByStatus</c> index, otherwise the <c>ByTime</c> index; the time range is
    /// a key condition, the other filters are filter expressions.
    /// </summary>
    public Task<RecordPage> NewestAsync(
        string bucket, RecordFilter filter, int limit, string? pageToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var values = new Dictionary<string, AttributeValue>();
        var names = new Dictionary<string, string>();
        var filters = new List<string>();
        string index;
        string keyCondition;
        if (filter.Status is { } status)
        {
            index = RecordTable.ByStatusIndex;
            names["#s"] = RecordTable.StatusAttribute;
            values[":s"] = new AttributeValue { S = FileRecordItem.StatusName(status) };
            keyCondition = "#s = :s";
            names["#b"] = RecordTable.BucketAttribute;
            values[":b"] = new AttributeValue { S = bucket };
            filters.Add("#b = :b");
        }
        else
        {
            index = RecordTable.ByTimeIndex;
            names["#b"] = RecordTable.BucketAttribute;
            values[":b"] = new AttributeValue { S = bucket };
            keyCondition = "#b = :b";
        }

        keyCondition += TimeCondition(filter, names, values);
        AddFilters(filter, names, values, filters);
        var request = new QueryRequest
        {
            TableName = tableName,
            IndexName = index,
            KeyConditionExpression = keyCondition,
            FilterExpression = filters.Count > 0 ? string.Join(" AND ", filters) : null,
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
            ScanIndexForward = false,
        };
        return ReadPageAsync(request, index, limit, pageToken, cancellationToken);
    }

    /// <summary>Records of <paramref name="bucket"/> whose key starts with <paramref name="prefix"/>, in key order.</summary>
    public Task<RecordPage> ByKeyPrefixAsync(
        string bucket, string prefix, int limit, string? pageToken, CancellationToken cancellationToken)
    {
        var request = new QueryRequest
        {
            TableName = tableName,
            KeyConditionExpression = string.IsNullOrEmpty(prefix) ? "#b = :b" : "#b = :b AND begins_with(#k, :p)",
            ExpressionAttributeNames = new Dictionary<string, string>
            {
                ["#b"] = RecordTable.BucketAttribute,
                ["#k"] = RecordTable.KeyAttribute,
            },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":b"] = new() { S = bucket } },
        };
        if (!string.IsNullOrEmpty(prefix))
        {
            request.ExpressionAttributeValues[":p"] = new AttributeValue { S = prefix };
        }
        else
        {
            request.ExpressionAttributeNames.Remove("#k");
        }

        return ReadPageAsync(request, KeyOrder, limit, pageToken, cancellationToken);
    }

    /// <summary>The record of one object, or null when there is none.</summary>
    public async Task<FileRecord?> GetAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = tableName,
            Key = new Dictionary<string, AttributeValue>
            {
                [RecordTable.BucketAttribute] = new() { S = bucket },
                [RecordTable.KeyAttribute] = new() { S = key },
            },
            ConsistentRead = true,
        }, cancellationToken);
        return response.Item is { Count: > 0 } item ? FileRecordItem.FromItem(item) : null;
    }

    /// <summary>How many records of <paramref name="bucket"/> have each status (every status is present, zero or not).</summary>
    public async Task<IReadOnlyDictionary<RecordStatus, long>> CountByStatusAsync(
        string bucket, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<RecordStatus, long>();
        foreach (var status in Enum.GetValues<RecordStatus>())
        {
            var request = new QueryRequest
            {
                TableName = tableName,
                IndexName = RecordTable.ByStatusIndex,
                KeyConditionExpression = "#s = :s",
                FilterExpression = "#b = :b",
                ExpressionAttributeNames = new Dictionary<string, string>
                {
                    ["#s"] = RecordTable.StatusAttribute,
                    ["#b"] = RecordTable.BucketAttribute,
                },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    [":s"] = new() { S = FileRecordItem.StatusName(status) },
                    [":b"] = new() { S = bucket },
                },
                Select = Select.COUNT,
            };
            long count = 0;
            do
            {
                var response = await dynamo.QueryAsync(request, cancellationToken);
                count += response.Count ?? 0;
                request.ExclusiveStartKey = response.LastEvaluatedKey;
            }
            while (request.ExclusiveStartKey is { Count: > 0 });
            counts[status] = count;
        }

        return counts;
    }

    /// <summary>Processing times of the records of <paramref name="bucket"/> processed at or after <paramref name="since"/>.</summary>
    public async Task<IReadOnlyList<DateTimeOffset>> ProcessedSinceAsync(
        string bucket, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var request = new QueryRequest
        {
            TableName = tableName,
            IndexName = RecordTable.ByTimeIndex,
            KeyConditionExpression = "#b = :b AND #t >= :from",
            ProjectionExpression = "#t",
            ExpressionAttributeNames = new Dictionary<string, string>
            {
                ["#b"] = RecordTable.BucketAttribute,
                ["#t"] = RecordTable.UpdatedAtAttribute,
            },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                [":b"] = new() { S = bucket },
                [":from"] = new() { S = FileRecordItem.Timestamp(since) },
            },
        };
        var times = new List<DateTimeOffset>();
        do
        {
            var response = await dynamo.QueryAsync(request, cancellationToken);
            foreach (var item in response.Items ?? [])
            {
                if (item.TryGetValue(RecordTable.UpdatedAtAttribute, out var value) && value.S is { } text
                    && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
                        System.Globalization.DateTimeStyles.AssumeUniversal, out var time))
                {
                    times.Add(time);
                }
            }

            request.ExclusiveStartKey = response.LastEvaluatedKey;
        }
        while (request.ExclusiveStartKey is { Count: > 0 });
        return times;
    }

    private static string TimeCondition(
        RecordFilter filter, Dictionary<string, string> names, Dictionary<string, AttributeValue> values)
    {
        if (filter.From is not null || filter.To is not null)
        {
            names["#t"] = RecordTable.UpdatedAtAttribute;
        }

        switch (filter.From, filter.To)
        {
            case ({ } from, { } to):
                values[":from"] = new AttributeValue { S = FileRecordItem.Timestamp(from) };
                values[":to"] = new AttributeValue { S = FileRecordItem.Timestamp(to) };
                return " AND #t BETWEEN :from AND :to";
            case ({ } from, null):
                values[":from"] = new AttributeValue { S = FileRecordItem.Timestamp(from) };
                return " AND #t >= :from";
            case (null, { } to):
                values[":to"] = new AttributeValue { S = FileRecordItem.Timestamp(to) };
                return " AND #t <= :to";
            default:
                return "";
        }
    }

    private static void AddFilters(
        RecordFilter filter, Dictionary<string, string> names, Dictionary<string, AttributeValue> values, List<string> filters)
    {
        if (!string.IsNullOrEmpty(filter.DetectedType))
        {
            names["#d"] = nameof(FileRecord.DetectedType);
            values[":d"] = new AttributeValue { S = filter.DetectedType };
            filters.Add("begins_with(#d, :d)");
        }

        if (!string.IsNullOrEmpty(filter.KeyPrefix))
        {
            names["#k"] = RecordTable.KeyAttribute;
            values[":p"] = new AttributeValue { S = filter.KeyPrefix };
            filters.Add("begins_with(#k, :p)");
        }

        if (!string.IsNullOrEmpty(filter.KeyContains))
        {
            names["#k"] = RecordTable.KeyAttribute;
            values[":q"] = new AttributeValue { S = filter.KeyContains };
            filters.Add("contains(#k, :q)");
        }
    }

    private async Task<RecordPage> ReadPageAsync(
        QueryRequest request, string order, int limit, string? pageToken, CancellationToken cancellationToken)
    {
        limit = Math.Clamp(limit, 1, MaxPageSize);
        request.Limit = ItemsPerRequest;
        request.ExclusiveStartKey = pageToken is null ? null : RecordPageToken.Decode(pageToken, order);
        var records = new List<FileRecord>(limit);
        for (var requests = 0; requests < MaxRequestsPerPage; requests++)
        {
            var response = await dynamo.QueryAsync(request, cancellationToken);
            var items = response.Items ?? [];
            for (var i = 0; i < items.Count; i++)
            {
                records.Add(FileRecordItem.FromItem(items[i]));
                var more = i < items.Count - 1 || response.LastEvaluatedKey is { Count: > 0 };
                if (records.Count == limit)
                {
                    // The page is full: continue after the last record returned, not after the last one read.
                    return new RecordPage(records, more ? RecordPageToken.Encode(order, StartKey(items[i], request.IndexName)) : null);
                }
            }

            if (response.LastEvaluatedKey is not { Count: > 0 } next)
            {
                return new RecordPage(records, null);
            }

            request.ExclusiveStartKey = next;
        }

        // Only reached after a request that returned a LastEvaluatedKey, so the start key is set.
        return new RecordPage(records, RecordPageToken.Encode(order, request.ExclusiveStartKey!));
    }

    private static Dictionary<string, AttributeValue> StartKey(Dictionary<string, AttributeValue> item, string? index)
    {
        var names = index switch
        {
            RecordTable.ByTimeIndex => new[] { RecordTable.BucketAttribute, RecordTable.KeyAttribute, RecordTable.UpdatedAtAttribute },
            RecordTable.ByStatusIndex => [RecordTable.BucketAttribute, RecordTable.KeyAttribute, RecordTable.StatusAttribute, RecordTable.UpdatedAtAttribute],
            _ => [RecordTable.BucketAttribute, RecordTable.KeyAttribute],
        };
        return names.ToDictionary(name => name, name => item[name], StringComparer.Ordinal);
    }
}
