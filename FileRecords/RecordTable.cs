namespace FilePipeline.FileRecords;

/// <summary>
/// The DynamoDB table layout, shared by the template (infra/), the processor (writes) and the viewer (reads).
/// <list type="bullet">
/// <item>Table key: <c>Bucket</c> (hash) + <c>Key</c> (range): one object by key; bucket + key prefix by <c>begins_with</c>.</item>
/// <item><c>ByTime</c> index: <c>Bucket</c> + <c>UpdatedAt</c>: newest first, paginated.</item>
/// <item><c>ByStatus</c> index: <c>Status</c> + <c>UpdatedAt</c>: records by status, newest first.</item>
/// </list>
/// Attribute names are the <see cref="FileRecord"/> property names; <c>UpdatedAt</c> is an ISO-8601 UTC string
/// (<c>ProcessedAt</c>), so string order is time order.
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
}
