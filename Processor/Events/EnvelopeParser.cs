using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace FilePipeline.Processor.Events;

/// <summary>
/// Classifies a queue message body: an S3 notification (direct, or SNS-wrapped raw or not), an EventBridge
/// S3 event, an <c>s3:TestEvent</c>, or not an S3 event at all. Never throws on any input.
/// </summary>
public static class EnvelopeParser
{
    /// <summary>An S3 notification holds one record; a body with more than this is not one of ours.</summary>
    public const int MaxRecords = 100;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32 };

    public static Envelope Parse(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return Envelope.NotS3("empty body");
        }

        try
        {
            using var document = JsonDocument.Parse(body, Options);
            return Classify(document.RootElement, "s3", snsDepth: 0);
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or InvalidOperationException)
        {
            return Envelope.NotS3($"malformed JSON ({exception.Message})");
        }
    }

    private static Envelope Classify(JsonElement root, string source, int snsDepth)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Envelope.NotS3($"JSON {root.ValueKind} instead of an object");
        }

        if (Text(root, "Type") == "Notification" && Text(root, "Message") is { } message)
        {
            if (snsDepth > 0)
            {
                return Envelope.NotS3("SNS notification inside an SNS notification");
            }

            try
            {
                using var inner = JsonDocument.Parse(message, Options);
                return Classify(inner.RootElement, "sns", snsDepth + 1);
            }
            catch (JsonException exception)
            {
                return Envelope.NotS3($"SNS message is not JSON ({exception.Message})");
            }
        }

        if (Text(root, "Event") == "s3:TestEvent")
        {
            return Envelope.Test(source);
        }

        if (root.TryGetProperty("Records", out var records))
        {
            return FromRecords(records, source);
        }

        if (Text(root, "source") == "aws.s3" && Text(root, "detail-type") is { } detailType)
        {
            return FromEventBridge(root, detailType);
        }

        return Envelope.NotS3("JSON object without Records, S3 test event or EventBridge S3 detail");
    }

    private static Envelope FromRecords(JsonElement records, string source)
    {
        if (records.ValueKind != JsonValueKind.Array)
        {
            return Envelope.NotS3("Records is not an array");
        }

        var count = records.GetArrayLength();
        if (count == 0)
        {
            return Envelope.NotS3("Records is empty");
        }

        if (count > MaxRecords)
        {
            return Envelope.NotS3($"Records holds {count} entries, more than {MaxRecords}");
        }

        var events = new ObjectEvent[count];
        var index = 0;
        foreach (var record in records.EnumerateArray())
        {
            if (record.ValueKind != JsonValueKind.Object)
            {
                return Envelope.NotS3("a Records entry is not an object");
            }

            if (record.TryGetProperty("eventSource", out var eventSource) && eventSource.ValueKind == JsonValueKind.String
                && !eventSource.ValueEquals("aws:s3"))
            {
                return Envelope.NotS3($"record from {eventSource.GetString()}, not aws:s3");
            }

            if (!record.TryGetProperty("s3", out var s3) || s3.ValueKind != JsonValueKind.Object
                || !s3.TryGetProperty("bucket", out var bucket) || !s3.TryGetProperty("object", out var obj)
                || Text(bucket, "name") is not { Length: > 0 } bucketName
                || FormKey(obj) is not { Length: > 0 } key
                || Text(record, "eventName") is not { Length: > 0 } eventName)
            {
                return Envelope.NotS3("record lacks eventName, s3.bucket.name or s3.object.key");
            }

            events[index++] = new ObjectEvent(
                eventName.StartsWith("s3:", StringComparison.Ordinal) ? eventName[3..] : eventName,
                Time(record, "eventTime"),
                bucketName,
                key,
                Number(obj, "size"),
                Unquote(Text(obj, "eTag") ?? Text(obj, "etag")),
                VersionId(obj, "versionId"),
                Text(obj, "sequencer"));
        }

        return Envelope.Objects(source, events);
    }

    private static Envelope FromEventBridge(JsonElement root, string detailType)
    {
        if (detailType is not ("Object Created" or "Object Deleted"))
        {
            return Envelope.NotS3($"EventBridge S3 event '{detailType}' is not Object Created/Deleted");
        }

        if (!root.TryGetProperty("detail", out var detail) || detail.ValueKind != JsonValueKind.Object
            || !detail.TryGetProperty("bucket", out var bucket) || !detail.TryGetProperty("object", out var obj)
            || Text(bucket, "name") is not { Length: > 0 } bucketName
            || Text(obj, "key") is not { Length: > 0 } key)
        {
            return Envelope.NotS3("EventBridge event lacks detail.bucket.name or detail.object.key");
        }

        var objectEvent = new ObjectEvent(
            EventBridgeEventName.Of(detailType, Text(detail, "reason"), Text(detail, "deletion-type")),
            Time(root, "time"),
            bucketName,
            key,
            Number(obj, "size"),
            Unquote(Text(obj, "etag") ?? Text(obj, "eTag")), // moto spells it eTag
            VersionId(obj, "version-id"),
            Text(obj, "sequencer"));
        return Envelope.Objects("eventbridge", [objectEvent]);
    }

    /// <summary>
    /// The object's version id; <c>"null"</c> (the version of an object in a bucket that is not versioned, as an existing
    /// bucket often is) counts as none: the read is then pinned by the ETag, and HeadObject takes no <c>versionId=null</c> on moto.
    /// </summary>
    private static string? VersionId(JsonElement element, string name) => Text(element, name) is { } id && id != "null" ? id : null;

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static long? Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.Number when value.TryGetInt64(out var n) && n >= 0 => n,
                JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
                _ => null,
            }
            : null;

    /// <summary>
    /// <c>s3.object.key</c>, form-decoded (<see cref="ObjectKey"/>). A key without JSON escapes is decoded from its UTF-8
    /// bytes into one string; one with escapes, or one the byte path cannot decode exactly, goes through the string.
    /// </summary>
    private static string? FormKey(JsonElement obj)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty("key", out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var raw = Unquoted(JsonMarshal.GetRawUtf8Value(value));
        return (raw.IndexOf((byte)'\\') < 0 ? ObjectKey.TryDecodeForm(raw) : null) ?? ObjectKey.DecodeForm(value.GetString()!);
    }

    /// <summary>A timestamp as <see cref="DateTimeOffset.TryParse(string, IFormatProvider, DateTimeStyles, out DateTimeOffset)"/> reads it, without a string for the usual ASCII form.</summary>
    private static DateTimeOffset? Time(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        const DateTimeStyles styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        var raw = Unquoted(JsonMarshal.GetRawUtf8Value(value));
        if (raw.Length <= 64 && raw.IndexOf((byte)'\\') < 0 && Ascii.IsValid(raw))
        {
            Span<char> text = stackalloc char[raw.Length];
            Ascii.ToUtf16(raw, text, out var written);
            return DateTimeOffset.TryParse(text[..written], CultureInfo.InvariantCulture, styles, out var parsed) ? parsed : null;
        }

        return DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, styles, out var time) ? time : null;
    }

    /// <summary>A string value's raw JSON without its quotes.</summary>
    private static ReadOnlySpan<byte> Unquoted(ReadOnlySpan<byte> raw) =>
        raw.Length >= 2 && raw[0] == (byte)'"' && raw[^1] == (byte)'"' ? raw[1..^1] : raw;

    private static string? Unquote(string? etag) => etag?.Trim('"');
}
