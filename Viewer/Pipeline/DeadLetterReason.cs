using System.Text.Json;
using FilePipeline.FileRecords;

namespace FilePipeline.Viewer.Pipeline;

/// <summary>
/// Why a message failed, from what the viewer can see: the message itself (not JSON, not an S3 event) and the
/// record of the object it names (a FAILED record carries the processor's reason).
/// </summary>
public static class DeadLetterReason
{
    /// <summary>
    /// The first object key an S3 event (direct, in SNS, or from EventBridge) names, or null; <paramref name="bucket"/>
    /// is the bucket it names, when it names one.
    /// </summary>
    public static string? KeyOf(string body, out string? bucket, out string? classification)
    {
        bucket = null;
        classification = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("Type", out var type)
                && type.ValueKind == JsonValueKind.String && type.GetString() == "Notification"
                && root.TryGetProperty("Message", out var inner) && inner.ValueKind == JsonValueKind.String)
            {
                return KeyOf(inner.GetString() ?? "", out bucket, out classification);
            }

            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("Records", out var records)
                && records.ValueKind == JsonValueKind.Array && records.GetArrayLength() > 0
                && records[0].TryGetProperty("s3", out var s3) && s3.TryGetProperty("object", out var item)
                && item.TryGetProperty("key", out var key) && key.ValueKind == JsonValueKind.String)
            {
                bucket = s3.TryGetProperty("bucket", out var s3Bucket) ? StringProperty(s3Bucket, "name") : null;
                // Keys in S3 notifications are form-encoded.
                return Uri.UnescapeDataString((key.GetString() ?? "").Replace('+', ' '));
            }

            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("detail", out var detail)
                && detail.ValueKind == JsonValueKind.Object && detail.TryGetProperty("object", out var detailObject)
                && detailObject.TryGetProperty("key", out var detailKey) && detailKey.ValueKind == JsonValueKind.String)
            {
                bucket = detail.TryGetProperty("bucket", out var detailBucket) ? StringProperty(detailBucket, "name") : null;
                return detailKey.GetString();
            }

            classification = "The message is JSON but not an S3 event, so the processor could not handle it.";
            return null;
        }
        catch (JsonException)
        {
            classification = "The message is not JSON, so the processor could not parse it.";
            return null;
        }
    }

    /// <summary>The classification of an event for a bucket other than the pipeline's (the processor refuses those).</summary>
    public static string? ForeignBucket(string? bucket, string ownBucket) =>
        bucket is not null && !string.Equals(bucket, ownBucket, StringComparison.Ordinal)
            ? $"The event is for bucket '{bucket}', which the pipeline does not own ('{ownBucket}'), so the processor refused it."
            : null;

    public static string Explain(string? classification, FileRecord? record)
    {
        const string attempts = "SQS moved it to the dead-letter queue after it failed maxReceiveCount times.";
        if (classification is not null)
        {
            return $"{classification} {attempts}";
        }

        return record is { Reason: { Length: > 0 } reason }
            ? $"{FileRecordItem.StatusName(record.Status)}: {reason}. {attempts}"
            : $"Processing kept failing (no record says why). {attempts}";
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
