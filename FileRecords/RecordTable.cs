using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace FilePipeline.FileRecords;

/// <summary>
/// The DynamoDB table layout, shared by the template (infra/), the processor (writes) and the viewer (reads).
/// <list type="bullet">
/// <item>Table key: <c>Bucket</c> (hash) + <c>Key</c> (range): one object by key; bucket + key prefix by <c>begins_with</c>.</item>
/// <item><c>ByTime</c> index: <c>Bucket</c> + <c>UpdatedAt</c>: newest first, paginated.</item>
/// <item><c>ByStatus</c> index: <c>Status</c> + <c>UpdatedAt</c>: records by status, newest first.</item>
/// </list>
/// Attribute names are the <see cref="FileRecord"/> property names (see <see cref="FileRecordItem"/>);
/// <c>UpdatedAt</c> is the record's <c>ProcessedAt</c> as a sortable UTC string, so string order is time order;
/// <c>Revision</c> counts the record's writes, the version checked by every conditional write (<see cref="RecordStore"/>).
/// </summary>
public static class RecordTable
{
    public const string BucketAttribute = "Bucket";
    public const string KeyAttribute = "Key";
    public const string StatusAttribute = "Status";
    public const string UpdatedAtAttribute = "UpdatedAt";

    public const string ByTimeIndex = "ByTime";
    public const string ByStatusIndex = "ByStatus";

    /// <summary>Format of <c>UpdatedAt</c> and every stored timestamp: sortable, UTC, millisecond precision.</summary>
    public const string TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";

    /// <summary>
    /// The table as the template declares it, for tests and tools that need one without provisioning the stack.
    /// </summary>
    public static CreateTableRequest CreateTableRequest(string tableName) => new()
    {
        TableName = tableName,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions =
        [
            new AttributeDefinition(BucketAttribute, ScalarAttributeType.S),
            new AttributeDefinition(KeyAttribute, ScalarAttributeType.S),
            new AttributeDefinition(StatusAttribute, ScalarAttributeType.S),
            new AttributeDefinition(UpdatedAtAttribute, ScalarAttributeType.S),
        ],
        KeySchema =
        [
            new KeySchemaElement(BucketAttribute, KeyType.HASH),
            new KeySchemaElement(KeyAttribute, KeyType.RANGE),
        ],
        GlobalSecondaryIndexes =
        [
            Index(ByTimeIndex, BucketAttribute),
            Index(ByStatusIndex, StatusAttribute),
        ],
    };

    private static GlobalSecondaryIndex Index(string name, string hashAttribute) => new()
    {
        IndexName = name,
        KeySchema =
        [
            new KeySchemaElement(hashAttribute, KeyType.HASH),
            new KeySchemaElement(UpdatedAtAttribute, KeyType.RANGE),
        ],
        Projection = new Projection { ProjectionType = ProjectionType.ALL },
    };
}
