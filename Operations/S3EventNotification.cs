using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FilePipeline.Operations;

/// <summary>
/// The S3 event notification shape (<c>Records[]</c>) that <c>backfill</c> and <c>reconcile</c> enqueue, as S3 itself
/// sends it: the processor takes any event as the trigger to sync its key with what S3 holds.
/// </summary>
public sealed record S3EventNotification([property: JsonPropertyName("Records")] IReadOnlyList<S3EventRecord> Records)
{
    /// <summary>
    /// The JSON body of a one-record notification for <paramref name="key"/> (form-encoded, as S3 sends it), timed now,
    /// naming <paramref name="principalId"/> (who sent it) and <paramref name="configurationId"/> (why).
    /// </summary>
    public static string Body(
        string region, string bucket, string eventName, string key, long size, string? etag, string principalId, string configurationId)
    {
        var notification = new S3EventNotification(
        [
            new S3EventRecord(
                "2.1",
                "aws:s3",
                region,
                DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
                eventName,
                new S3Principal(principalId),
                new S3Entity(
                    "1.0",
                    configurationId,
                    new S3BucketEntity(bucket, $"arn:aws:s3:::{bucket}"),
                    new S3ObjectEntity(WebUtility.UrlEncode(key), size, etag?.Trim('"'), null))),
        ]);
        return JsonSerializer.Serialize(notification, OperationsJsonContext.Default.S3EventNotification);
    }
}

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
