using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace FilePipeline.Testing;

/// <summary>Whole-table reads for checking what the pipeline wrote: consistent scans over every page.</summary>
internal static class TableScans
{
    /// <summary>Every item of <paramref name="table"/>, projected as <paramref name="projection"/> asks (null: all attributes).</summary>
    public static async Task<List<Dictionary<string, AttributeValue>>> ScanAllAsync(
        this IAmazonDynamoDB dynamo, string table, string? projection, CancellationToken cancellationToken)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await dynamo.ScanAsync(new ScanRequest
            {
                TableName = table,
                ConsistentRead = true,
                ProjectionExpression = projection,
                ExclusiveStartKey = start,
            }, cancellationToken);
            items.AddRange(page.Items ?? []);
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);
        return items;
    }

    /// <summary>How many items <paramref name="table"/> holds (a consistent count scan over every page).</summary>
    public static async Task<int> CountAllAsync(this IAmazonDynamoDB dynamo, string table, CancellationToken cancellationToken)
    {
        var count = 0;
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await dynamo.ScanAsync(new ScanRequest { TableName = table, ConsistentRead = true, Select = Select.COUNT, ExclusiveStartKey = start }, cancellationToken);
            count += page.Count ?? 0;
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);
        return count;
    }
}
