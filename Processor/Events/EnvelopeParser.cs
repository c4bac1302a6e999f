using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace FilePipeline.Processor.Events;

/// <summary>
/// Classifies a queue message body: an S3 notification (direct, or SNS-wrapped raw or not), an EventBridge
/// S3 event, an <c>s3:TestEvent</c>, or not an S3 event at all. Never throws on any input.
/// </summary>
/// <remarks>
/// One forward pass of a <see cref="Utf8JsonReader"/> over the body's UTF-8 bytes (a pooled buffer): no document is
/// built. Every body is read to its end, so malformed JSON anywhere is "malformed JSON" whatever came before it. Of
/// a property given twice, the last counts. An SNS notification's <c>Message</c> is unescaped where that pass meets it
/// and its JSON then read by a second pass. What the body is follows from the properties the pass collected, in this
/// order: an SNS notification (<c>Type</c> and <c>Message</c>), a test event, <c>Records</c>, an EventBridge event.
/// </remarks>
public static class EnvelopeParser
{
    /// <summary>An S3 notification holds one record; a body with more than this is not one of ours.</summary>
    public const int MaxRecords = 100;

    private const int MaxDepth = 32;

    // S3's longest bucket name: a longer one is read but not kept.
    private const int MaxBucketNameLength = 63;

    // The event names S3 sends (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html),
    // most frequent first: one of these costs no string of its own.
    private static readonly string[] KnownEventNames =
    [
        "ObjectCreated:Put", "ObjectCreated:CompleteMultipartUpload", "ObjectCreated:Copy", "ObjectCreated:Post",
        "ObjectRemoved:Delete", "ObjectRemoved:DeleteMarkerCreated", "LifecycleExpiration:Delete", "LifecycleExpiration:DeleteMarkerCreated",
    ];

    // A record's eventSource, which costs no string of its own either.
    private static readonly string[] S3EventSource = ["aws:s3"];

    // Invalid UTF-16 (a lone surrogate) is malformed input, not something to replace with U+FFFD.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static BucketName? _lastBucket;

    public static Envelope Parse(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return Envelope.NotS3("empty body");
        }

        byte[]? utf8 = null;
        try
        {
            utf8 = ArrayPool<byte>.Shared.Rent(StrictUtf8.GetMaxByteCount(body.Length));
            var length = StrictUtf8.GetBytes(body, utf8);
            return Classify(utf8.AsSpan(0, length), "s3", snsDepth: 0);
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or InvalidOperationException)
        {
            return Envelope.NotS3($"malformed JSON ({exception.Message})");
        }
        finally
        {
            if (utf8 is not null)
            {
                ArrayPool<byte>.Shared.Return(utf8);
            }
        }
    }

    /// <summary>One JSON document (the body, or an SNS notification's message); throws on malformed JSON.</summary>
    private static Envelope Classify(ReadOnlySpan<byte> json, string source, int snsDepth)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
        Read(ref reader);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            var kind = reader.TokenType switch
            {
                JsonTokenType.StartArray => JsonValueKind.Array,
                JsonTokenType.String => JsonValueKind.String,
                JsonTokenType.Number => JsonValueKind.Number,
                JsonTokenType.True => JsonValueKind.True,
                JsonTokenType.False => JsonValueKind.False,
                _ => JsonValueKind.Null,
            };
            reader.Skip();
            ReadToEnd(ref reader);
            return Envelope.NotS3($"JSON {kind} instead of an object");
        }

        string? type = null, eventField = null, eventSource = null, detailType = null;
        var message = default(MessageText);
        RecordsResult? records = null;
        BucketObject? detail = null;
        DateTimeOffset? time = null;
        try
        {
            while (NextProperty(ref reader))
            {
                if (IsName(ref reader, "Records"u8))
                {
                    Read(ref reader);
                    records = RecordsResult.Read(ref reader);
                }
                else if (IsName(ref reader, "Type"u8))
                {
                    type = ReadText(ref reader);
                }
                else if (IsName(ref reader, "Message"u8))
                {
                    Read(ref reader);
                    message.Read(ref reader, keep: snsDepth == 0);
                }
                else if (IsName(ref reader, "Event"u8))
                {
                    eventField = ReadText(ref reader);
                }
                else if (IsName(ref reader, "source"u8))
                {
                    eventSource = ReadText(ref reader);
                }
                else if (IsName(ref reader, "detail-type"u8))
                {
                    detailType = ReadText(ref reader);
                }
                else if (IsName(ref reader, "detail"u8))
                {
                    Read(ref reader);
                    detail = BucketObject.Read(ref reader, notification: false);
                }
                else if (IsName(ref reader, "time"u8))
                {
                    Read(ref reader);
                    time = Time(ref reader);
                }
                else
                {
                    SkipPropertyValue(ref reader);
                }
            }

            ReadToEnd(ref reader);

            if (type == "Notification" && message.IsString)
            {
                return snsDepth > 0 ? Envelope.NotS3("SNS notification inside an SNS notification")
                    : message.Problem is { } problem ? Envelope.NotS3($"malformed JSON ({problem})")
                    : ClassifyInner(message.Text(json));
            }
        }
        finally
        {
            message.Dispose();
        }

        if (eventField == "s3:TestEvent")
        {
            return Envelope.Test(source);
        }

        if (records is { } found)
        {
            return found.ToEnvelope(source);
        }

        if (eventSource == "aws.s3" && detailType is not null)
        {
            return FromEventBridge(detailType, detail, time);
        }

        return Envelope.NotS3("JSON object without Records, S3 test event or EventBridge S3 detail");
    }

    /// <summary>
    /// An SNS notification's <c>Message</c>, read where the reader meets it, so that its string is validated and
    /// unescaped in the one pass: its place in the body when it has no escapes, or its unescaped copy in a pooled
    /// buffer (returned by <see cref="Dispose"/>). Of a <c>Message</c> given twice, the last counts.
    /// </summary>
    private struct MessageText : IDisposable
    {
        private byte[]? _copy;
        private int _start; // in the body; -1: in _copy
        private int _length;

        /// <summary>Whether the last <c>Message</c> was a string (a notification needs one).</summary>
        public bool IsString { get; private set; }

        /// <summary>Why the string cannot be unescaped (escapes of invalid UTF-16), which makes the body malformed JSON.</summary>
        public string? Problem { get; private set; }

        /// <summary>
        /// The value the reader is on. <paramref name="keep"/> false (a message inside a message, which is refused
        /// whatever it says): only whether it is a string.
        /// </summary>
        public void Read(ref Utf8JsonReader reader, bool keep)
        {
            IsString = reader.TokenType == JsonTokenType.String;
            Problem = null;
            if (!IsString)
            {
                reader.Skip();
                return;
            }

            if (!keep)
            {
                return;
            }

            if (!reader.ValueIsEscaped)
            {
                (_start, _length) = ((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length);
                return;
            }

            if (_copy is null || _copy.Length < reader.ValueSpan.Length)
            {
                Dispose();
                _copy = ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length); // unescaped is never longer
            }

            try
            {
                (_start, _length) = (-1, reader.CopyString(_copy));
            }
            catch (InvalidOperationException exception)
            {
                Problem = exception.Message;
            }
        }

        public readonly ReadOnlySpan<byte> Text(ReadOnlySpan<byte> json) =>
            _start < 0 ? _copy.AsSpan(0, _length) : json.Slice(_start, _length);

        public void Dispose()
        {
            if (_copy is not null)
            {
                ArrayPool<byte>.Shared.Return(_copy);
                _copy = null;
            }
        }
    }

    private static Envelope ClassifyInner(ReadOnlySpan<byte> message)
    {
        try
        {
            return Classify(message, "sns", snsDepth: 1);
        }
        catch (JsonException exception)
        {
            return Envelope.NotS3($"SNS message is not JSON ({exception.Message})");
        }
    }

    private static Envelope FromEventBridge(string detailType, BucketObject? detail, DateTimeOffset? time)
    {
        if (detailType is not ("Object Created" or "Object Deleted"))
        {
            return Envelope.NotS3($"EventBridge S3 event '{detailType}' is not Object Created/Deleted");
        }

        if (detail is not { BucketName: { Length: > 0 } bucketName, Object.Key: { Length: > 0 } key } found)
        {
            return Envelope.NotS3("EventBridge event lacks detail.bucket.name or detail.object.key");
        }

        var obj = found.Object;
        var objectEvent = new ObjectEvent(
            EventBridgeEventName.Of(detailType, found.Reason, found.DeletionType),
            time,
            bucketName,
            key,
            obj.Size,
            Unquote(obj.LowerETag ?? obj.ETag), // moto spells it eTag
            VersionId(obj.VersionId),
            obj.Sequencer);
        return Envelope.Objects("eventbridge", [objectEvent]);
    }

    /// <summary>
    /// The <c>Records</c> array read in place: its events, or the first reason it is not one of ours. Entries past
    /// <see cref="MaxRecords"/> are only counted (and checked to be JSON), so that the reason can say how many there were.
    /// A struct: the parse allocates only what the envelope keeps.
    /// </summary>
    private struct RecordsResult
    {
        private ObjectEvent[] _events = [];
        private int _count;
        private string? _problem;

        public RecordsResult()
        {
        }

        public static RecordsResult Read(ref Utf8JsonReader reader)
        {
            var result = new RecordsResult();
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                result._problem = "Records is not an array";
                return result;
            }

            while (true)
            {
                EnvelopeParser.Read(ref reader);
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    return result;
                }

                if (++result._count > MaxRecords || result._problem is not null)
                {
                    reader.Skip();
                }
                else if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    result._problem = "a Records entry is not an object";
                }
                else
                {
                    result.Add(ref reader);
                }
            }
        }

        public Envelope ToEnvelope(string source) =>
            _count == 0 && _problem is null ? Envelope.NotS3("Records is empty")
            : _count > MaxRecords ? Envelope.NotS3($"Records holds {_count} entries, more than {MaxRecords}")
            : _problem is { } problem ? Envelope.NotS3(problem)
            : Envelope.Objects(source, _count == _events.Length ? _events : _events[.._count]);

        private void Add(ref Utf8JsonReader reader)
        {
            string? eventSource = null, eventName = null;
            DateTimeOffset? eventTime = null;
            BucketObject? s3 = null;
            while (NextProperty(ref reader))
            {
                if (IsName(ref reader, "eventSource"u8))
                {
                    eventSource = ReadText(ref reader, S3EventSource);
                }
                else if (IsName(ref reader, "eventName"u8))
                {
                    eventName = ReadText(ref reader, KnownEventNames);
                }
                else if (IsName(ref reader, "eventTime"u8))
                {
                    EnvelopeParser.Read(ref reader);
                    eventTime = Time(ref reader);
                }
                else if (IsName(ref reader, "s3"u8))
                {
                    EnvelopeParser.Read(ref reader);
                    s3 = BucketObject.Read(ref reader, notification: true);
                }
                else
                {
                    SkipPropertyValue(ref reader);
                }
            }

            if (eventSource is not null && eventSource != "aws:s3")
            {
                _problem = $"record from {eventSource}, not aws:s3";
                return;
            }

            if (s3 is not { BucketName: { Length: > 0 } bucketName, Object.Key: { Length: > 0 } key } found
                || eventName is not { Length: > 0 })
            {
                _problem = "record lacks eventName, s3.bucket.name or s3.object.key";
                return;
            }

            if (_count > _events.Length)
            {
                Array.Resize(ref _events, Math.Max(1, _events.Length * 2));
            }

            var obj = found.Object;
            _events[_count - 1] = new ObjectEvent(
                eventName.StartsWith("s3:", StringComparison.Ordinal) ? eventName[3..] : eventName,
                eventTime,
                bucketName,
                key,
                obj.Size,
                Unquote(obj.ETag ?? obj.LowerETag),
                VersionId(obj.VersionId),
                obj.Sequencer);
        }
    }

    /// <summary>
    /// A notification record's <c>s3</c> (the key form-decoded) or an EventBridge event's
    /// <c>detail</c> (the key as sent, with the reason and deletion type): the bucket's name and the object. Null when it
    /// is not an object or lacks a bucket or an object.
    /// </summary>
    private readonly record struct BucketObject(string? BucketName, ObjectFields Object, string? Reason, string? DeletionType)
    {
        public static BucketObject? Read(ref Utf8JsonReader reader, bool notification)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                return null;
            }

            string? bucketName = null, reason = null, deletionType = null;
            var bucketSeen = false;
            ObjectFields? obj = null;
            while (NextProperty(ref reader))
            {
                if (IsName(ref reader, "bucket"u8))
                {
                    EnvelopeParser.Read(ref reader);
                    bucketSeen = true;
                    bucketName = NameOf(ref reader);
                }
                else if (IsName(ref reader, "object"u8))
                {
                    EnvelopeParser.Read(ref reader);
                    obj = ObjectFields.Read(ref reader, formKey: notification);
                }
                else if (!notification && IsName(ref reader, "reason"u8))
                {
                    reason = ReadText(ref reader);
                }
                else if (!notification && IsName(ref reader, "deletion-type"u8))
                {
                    deletionType = ReadText(ref reader);
                }
                else
                {
                    SkipPropertyValue(ref reader);
                }
            }

            return bucketSeen && obj is { } found ? new BucketObject(bucketName, found, reason, deletionType) : null;
        }
    }

    /// <summary>
    /// An object's fields in either envelope: <c>key</c>, <c>size</c>, <c>eTag</c>/<c>etag</c>, the version id
    /// (<c>versionId</c> in notifications, <c>version-id</c> in EventBridge) and <c>sequencer</c>. Null when it is not an object.
    /// </summary>
    private readonly record struct ObjectFields(string? Key, long? Size, string? ETag, string? LowerETag, string? VersionId, string? Sequencer)
    {
        public static ObjectFields? Read(ref Utf8JsonReader reader, bool formKey)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                return null;
            }

            var versionName = formKey ? "versionId"u8 : "version-id"u8;
            string? key = null, eTag = null, lowerETag = null, versionId = null, sequencer = null;
            long? size = null;
            while (NextProperty(ref reader))
            {
                if (IsName(ref reader, "key"u8))
                {
                    EnvelopeParser.Read(ref reader);
                    key = reader.TokenType != JsonTokenType.String ? SkipNull(ref reader) : formKey ? FormKey(ref reader) : reader.GetString();
                }
                else if (IsName(ref reader, "size"u8))
                {
                    EnvelopeParser.Read(ref reader);
                    size = Number(ref reader);
                }
                else if (IsName(ref reader, "eTag"u8))
                {
                    eTag = ReadText(ref reader);
                }
                else if (IsName(ref reader, "etag"u8))
                {
                    lowerETag = ReadText(ref reader);
                }
                else if (IsName(ref reader, versionName))
                {
                    versionId = ReadText(ref reader);
                }
                else if (IsName(ref reader, "sequencer"u8))
                {
                    sequencer = ReadText(ref reader);
                }
                else
                {
                    SkipPropertyValue(ref reader);
                }
            }

            return new ObjectFields(key, size, eTag, lowerETag, versionId, sequencer);
        }
    }

    /// <summary>
    /// Whether the property name the reader is on is <paramref name="name"/>. A name with an escape that is not valid
    /// UTF-16 (a lone surrogate) is none of the names the parser looks for, so it is skipped like any other.
    /// </summary>
    /// <remarks>Inlined: it runs for every name a property is compared with, and most names have no escapes.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsName(ref Utf8JsonReader reader, ReadOnlySpan<byte> name) =>
        reader.ValueIsEscaped ? IsEscapedName(ref reader, name) : reader.ValueSpan.SequenceEqual(name);

    private static bool IsEscapedName(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        try
        {
            return reader.ValueTextEquals(name);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Moves to the next token; the body ending early is malformed JSON.</summary>
    private static void Read(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("the JSON ends before its value does");
        }
    }

    /// <summary>After the top-level value: nothing but whitespace may follow (the reader throws on anything else).</summary>
    private static void ReadToEnd(ref Utf8JsonReader reader)
    {
        if (reader.Read())
        {
            throw new JsonException($"more JSON after the end of the value, at byte {reader.TokenStartIndex}");
        }
    }

    /// <summary>Inside an object: true with the reader on the next property's name, false at the object's end.</summary>
    private static bool NextProperty(ref Utf8JsonReader reader)
    {
        Read(ref reader);
        return reader.TokenType == JsonTokenType.PropertyName;
    }

    /// <summary>Inside an object, on a property's name: skips its value, whatever it is.</summary>
    private static void SkipPropertyValue(ref Utf8JsonReader reader)
    {
        Read(ref reader);
        reader.Skip();
    }

    /// <summary>Skips the value the reader is on (a whole object or array): a value of the wrong kind counts as none.</summary>
    private static string? SkipNull(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }

    /// <summary>The property's value when it is a string; null (and the value skipped) when it is anything else.</summary>
    private static string? ReadText(ref Utf8JsonReader reader)
    {
        Read(ref reader);
        return reader.TokenType == JsonTokenType.String ? reader.GetString() : SkipNull(ref reader);
    }

    /// <summary><see cref="ReadText(ref Utf8JsonReader)"/>, without a new string when the value is one of <paramref name="known"/>.</summary>
    private static string? ReadText(ref Utf8JsonReader reader, string[] known)
    {
        Read(ref reader);
        if (reader.TokenType != JsonTokenType.String)
        {
            return SkipNull(ref reader);
        }

        if (!reader.ValueIsEscaped)
        {
            foreach (var name in known)
            {
                if (Ascii.Equals(reader.ValueSpan, name))
                {
                    return name;
                }
            }
        }

        return reader.GetString();
    }

    /// <summary><c>name</c> of a bucket object; null when the bucket is not an object or its name not a string.</summary>
    private static string? NameOf(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        string? name = null;
        while (NextProperty(ref reader))
        {
            if (IsName(ref reader, "name"u8))
            {
                name = ReadBucketName(ref reader);
            }
            else
            {
                SkipPropertyValue(ref reader);
            }
        }

        return name;
    }

    /// <summary>
    /// <see cref="ReadText(ref Utf8JsonReader)"/> for a bucket's name: the name last read is kept (a process reads
    /// events of one bucket, or a few), so that the same name again costs no new string.
    /// </summary>
    private static string? ReadBucketName(ref Utf8JsonReader reader)
    {
        Read(ref reader);
        if (reader.TokenType != JsonTokenType.String)
        {
            return SkipNull(ref reader);
        }

        if (reader.ValueIsEscaped)
        {
            return reader.GetString();
        }

        var last = _lastBucket;
        if (last is not null && reader.ValueSpan.SequenceEqual(last.Utf8))
        {
            return last.Name;
        }

        var name = reader.GetString()!;
        if (reader.ValueSpan.Length <= MaxBucketNameLength)
        {
            _lastBucket = new BucketName(reader.ValueSpan.ToArray(), name); // one reference: threads see the old or the new one whole
        }

        return name;
    }

    /// <summary>
    /// The version id; <c>"null"</c> (the version of an object in a bucket that is not versioned, as an existing
    /// bucket often is) counts as none: the read is then pinned by the ETag, and HeadObject takes no <c>versionId=null</c> on moto.
    /// </summary>
    private static string? VersionId(string? id) => id is not null && id != "null" ? id : null;

    /// <summary>A size: a non-negative integer, or a string of digits; anything else is none.</summary>
    private static long? Number(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var n) && n >= 0 ? n : null;
            case JsonTokenType.String when !reader.ValueIsEscaped:
                return long.TryParse(reader.ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var raw) ? raw : null;
            case JsonTokenType.String:
                return long.TryParse(reader.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var text) ? text : null;
            default:
                reader.Skip();
                return null;
        }
    }

    /// <summary>
    /// <c>s3.object.key</c>, form-decoded (<see cref="ObjectKey"/>). A key without JSON escapes is decoded from its UTF-8
    /// bytes into one string; one with escapes, or one the byte path cannot decode exactly, goes through the string.
    /// </summary>
    private static string FormKey(ref Utf8JsonReader reader) =>
        (reader.ValueIsEscaped ? null : ObjectKey.TryDecodeForm(reader.ValueSpan)) ?? ObjectKey.DecodeForm(reader.GetString()!);

    /// <summary>A timestamp as <see cref="DateTimeOffset.TryParse(string, IFormatProvider, DateTimeStyles, out DateTimeOffset)"/> reads it, without a string for the usual ASCII form.</summary>
    private static DateTimeOffset? Time(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return null;
        }

        const DateTimeStyles styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        var raw = reader.ValueSpan;
        // The form S3 and EventBridge send (ISO 8601 in UTC, "2026-11-22T03:04:05.678Z"), read by the reader's own
        // ISO parser; anything else (no zone, another form) as DateTimeOffset.TryParse reads it.
        if (!reader.ValueIsEscaped && raw.Length > 0 && raw[^1] == (byte)'Z' && reader.TryGetDateTimeOffset(out var iso))
        {
            return iso.ToUniversalTime();
        }

        if (!reader.ValueIsEscaped && raw.Length <= 64 && Ascii.IsValid(raw))
        {
            Span<char> text = stackalloc char[raw.Length];
            Ascii.ToUtf16(raw, text, out var written);
            return DateTimeOffset.TryParse(text[..written], CultureInfo.InvariantCulture, styles, out var parsed) ? parsed : null;
        }

        return DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, styles, out var time) ? time : null;
    }

    private static string? Unquote(string? etag) => etag?.Trim('"');

    /// <summary>A bucket's name and its UTF-8 bytes as the body spells them.</summary>
    private sealed record BucketName(byte[] Utf8, string Name);
}
