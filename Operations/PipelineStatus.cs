using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using FilePipeline.FileRecords;

namespace FilePipeline.Operations;

/// <summary>Queue depth, in flight, DLQ depth and records by status (counted on the table's <c>ByStatus</c> index).</summary>
public sealed record PipelineStatus(
    int QueueDepth, int InFlight, int DeadLetterDepth, int DeadLetterInFlight, IReadOnlyDictionary<RecordStatus, long> Records)
{
    public static async Task<PipelineStatus> ReadAsync(
        IAmazonSQS sqs, IAmazonDynamoDB dynamo, string queueUrl, string deadLetterQueueUrl, string tableName,
        CancellationToken cancellationToken)
    {
        List<string> attributes =
        [
            QueueAttributeName.ApproximateNumberOfMessages, QueueAttributeName.ApproximateNumberOfMessagesNotVisible,
        ];
        var queue = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest(queueUrl, attributes), cancellationToken);
        var dlq = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest(deadLetterQueueUrl, attributes), cancellationToken);
        var records = new Dictionary<RecordStatus, long>();
        foreach (var status in Enum.GetValues<RecordStatus>())
        {
            records[status] = await CountAsync(dynamo, tableName, status, cancellationToken);
        }

        return new PipelineStatus(
            queue.ApproximateNumberOfMessages, queue.ApproximateNumberOfMessagesNotVisible,
            dlq.ApproximateNumberOfMessages, dlq.ApproximateNumberOfMessagesNotVisible, records);
    }

    private static async Task<long> CountAsync(IAmazonDynamoDB dynamo, string tableName, RecordStatus status, CancellationToken cancellationToken)
    {
        long count = 0;
        var request = new QueryRequest
        {
            TableName = tableName,
            IndexName = RecordTable.ByStatusIndex,
            KeyConditionExpression = "#s = :s",
            ExpressionAttributeNames = new() { ["#s"] = RecordTable.StatusAttribute },
            ExpressionAttributeValues = new() { [":s"] = new AttributeValue { S = FileRecordItem.StatusName(status) } },
            Select = Select.COUNT,
        };
        do
        {
            var page = await dynamo.QueryAsync(request, cancellationToken);
            count += page.Count ?? 0;
            request.ExclusiveStartKey = page.LastEvaluatedKey;
        }
        while (request.ExclusiveStartKey is { Count: > 0 });

        return count;
    }
}
