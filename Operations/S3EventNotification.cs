using System.Text.Json.Serialization;

namespace FilePipeline.Operations;

/// <summary>The S3 event notification shape (<c>Records[]</c>) that <c>backfill</c> enqueues, as S3 itself sends it.</summary>
public sealed record S3EventNotification([property: JsonPropertyName("Records")] IReadOnlyList<S3EventRecord> Records);

public sealed record S3EventRecord(
    [property: JsonPropertyName("eventVersion")] string EventVersion,
    [property: JsonPropertyName("eventSource")] string EventSource,
    [property: JsonPropertyName("awsRegion")] string AwsRegion,
    [property: JsonPropertyName("eventTime")] string EventTime,
    [property: JsonPropertyName("eventName")] string EventName,
    [property: JsonPropertyName("userIdentity")] S3Principal UserIdentity,
    [property: JsonPropertyName("s3")] S3Entity S3);

public sealed record S3Principal([property: JsonPropertyName("principalId")] string PrincipalId);

public sealed record S3Entity(
    [property: JsonPropertyName("s3SchemaVersion")] string SchemaVersion,
    [property: JsonPropertyName("configurationId")] string ConfigurationId,
    [property: JsonPropertyName("bucket")] S3BucketEntity Bucket,
    [property: JsonPropertyName("object")] S3ObjectEntity Object);

public sealed record S3BucketEntity(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("arn")] string Arn);

public sealed record S3ObjectEntity(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("eTag")] string? ETag,
    [property: JsonPropertyName("versionId")] string? VersionId);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(S3EventNotification))]
internal sealed partial class OperationsJsonContext : JsonSerializerContext;
