using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace FilePipeline.FileRecords;

/// <summary>Maps a <see cref="FileRecord"/> to and from a DynamoDB item (attribute names = property names).</summary>
public static class FileRecordItem
{
    /// <summary>The item of <paramref name="record"/>, sized for its attributes so that building it never regrows the dictionary.</summary>
    public static Dictionary<string, AttributeValue> ToItem(FileRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var item = new Dictionary<string, AttributeValue>(AttributeCount(record));
        Write(record, item, values: null);
        return item;
    }

    /// <summary>
    /// Adds the attributes of <paramref name="record"/> to <paramref name="item"/>, with their string and number values
    /// from <paramref name="values"/> when given (reused ones, <see cref="PooledRecordItem"/>) and new ones otherwise.
    /// </summary>
    internal static void Write(FileRecord record, Dictionary<string, AttributeValue> item, PooledRecordItem? values)
    {
        var processedAt = Timestamp(record.ProcessedAt);
        item[RecordTable.BucketAttribute] = S(values, record.Bucket);
        item[RecordTable.KeyAttribute] = S(values, record.Key);
        item[RecordTable.StatusAttribute] = S(values, StatusName(record.Status));
        item[RecordTable.UpdatedAtAttribute] = S(values, processedAt);
        item[nameof(FileRecord.EventName)] = S(values, record.EventName);
        item[nameof(FileRecord.ProcessedAt)] = S(values, processedAt);
        item[nameof(FileRecord.Attempts)] = N(values, record.Attempts);
        Put(item, values, nameof(FileRecord.Reason), record.Reason);
        Put(item, values, nameof(FileRecord.Size), record.Size);
        Put(item, values, nameof(FileRecord.DeclaredContentType), record.DeclaredContentType);
        Put(item, values, nameof(FileRecord.DetectedType), record.DetectedType);
        Put(item, values, nameof(FileRecord.ETag), record.ETag);
        Put(item, values, nameof(FileRecord.Sha256), record.Sha256);
        Put(item, values, nameof(FileRecord.VersionId), record.VersionId);
        Put(item, values, nameof(FileRecord.Sequencer), record.Sequencer);
        Put(item, values, nameof(FileRecord.EventTime), record.EventTime);
        Put(item, values, nameof(FileRecord.LastModified), record.LastModified);
        Put(item, values, nameof(FileRecord.WordCount), record.WordCount);
        Put(item, values, nameof(FileRecord.LineCount), record.LineCount);
        Put(item, values, nameof(FileRecord.Preview), record.Preview);
        Put(item, values, nameof(FileRecord.TextEncoding), record.TextEncoding);
        Put(item, values, nameof(FileRecord.ImageWidth), record.ImageWidth);
        Put(item, values, nameof(FileRecord.ImageHeight), record.ImageHeight);
        Put(item, values, nameof(FileRecord.PageCount), record.PageCount);
        Put(item, values, nameof(FileRecord.Title), record.Title);
        Put(item, values, nameof(FileRecord.Author), record.Author);
        Put(item, values, nameof(FileRecord.DocumentCreated), record.DocumentCreated);
        Put(item, values, nameof(FileRecord.SheetCount), record.SheetCount);
        Put(item, nameof(FileRecord.SheetNames), record.SheetNames);
        Put(item, values, nameof(FileRecord.SlideCount), record.SlideCount);
        Put(item, nameof(FileRecord.HasMacros), record.HasMacros);
        Put(item, values, nameof(FileRecord.CameraMake), record.CameraMake);
        Put(item, values, nameof(FileRecord.CameraModel), record.CameraModel);
        Put(item, values, nameof(FileRecord.TakenAt), record.TakenAt);
        Put(item, values, nameof(FileRecord.Orientation), record.Orientation);
        Put(item, nameof(FileRecord.HasGps), record.HasGps);
        Put(item, values, nameof(FileRecord.ExtractionNote), record.ExtractionNote);
        Put(item, values, nameof(FileRecord.ReceivedAt), record.ReceivedAt);
        Put(item, values, nameof(FileRecord.DurationMs), record.DurationMs);
        Put(item, values, nameof(FileRecord.TraceId), record.TraceId);
        Put(item, values, nameof(FileRecord.MessageId), record.MessageId);
    }

    public static FileRecord FromItem(IReadOnlyDictionary<string, AttributeValue> item) => new()
    {
        Bucket = Text(item, RecordTable.BucketAttribute) ?? "",
        Key = Text(item, RecordTable.KeyAttribute) ?? "",
        Status = ParseStatus(Text(item, RecordTable.StatusAttribute)),
        EventName = Text(item, nameof(FileRecord.EventName)) ?? "",
        ProcessedAt = Time(item, nameof(FileRecord.ProcessedAt)) ?? DateTimeOffset.MinValue,
        Attempts = (int)(Long(item, nameof(FileRecord.Attempts)) ?? 0),
        Reason = Text(item, nameof(FileRecord.Reason)),
        Size = Long(item, nameof(FileRecord.Size)),
        DeclaredContentType = Text(item, nameof(FileRecord.DeclaredContentType)),
        DetectedType = Text(item, nameof(FileRecord.DetectedType)),
        ETag = Text(item, nameof(FileRecord.ETag)),
        Sha256 = Text(item, nameof(FileRecord.Sha256)),
        VersionId = Text(item, nameof(FileRecord.VersionId)),
        Sequencer = Text(item, nameof(FileRecord.Sequencer)),
        EventTime = Time(item, nameof(FileRecord.EventTime)),
        LastModified = Time(item, nameof(FileRecord.LastModified)),
        WordCount = Long(item, nameof(FileRecord.WordCount)),
        LineCount = Long(item, nameof(FileRecord.LineCount)),
        Preview = Text(item, nameof(FileRecord.Preview)),
        TextEncoding = Text(item, nameof(FileRecord.TextEncoding)),
        ImageWidth = (int?)Long(item, nameof(FileRecord.ImageWidth)),
        ImageHeight = (int?)Long(item, nameof(FileRecord.ImageHeight)),
        PageCount = (int?)Long(item, nameof(FileRecord.PageCount)),
        Title = Text(item, nameof(FileRecord.Title)),
        Author = Text(item, nameof(FileRecord.Author)),
        DocumentCreated = Time(item, nameof(FileRecord.DocumentCreated)),
        SheetCount = (int?)Long(item, nameof(FileRecord.SheetCount)),
        SheetNames = Texts(item, nameof(FileRecord.SheetNames)),
        SlideCount = (int?)Long(item, nameof(FileRecord.SlideCount)),
        HasMacros = Bool(item, nameof(FileRecord.HasMacros)),
        CameraMake = Text(item, nameof(FileRecord.CameraMake)),
        CameraModel = Text(item, nameof(FileRecord.CameraModel)),
        TakenAt = Text(item, nameof(FileRecord.TakenAt)),
        Orientation = (int?)Long(item, nameof(FileRecord.Orientation)),
        HasGps = Bool(item, nameof(FileRecord.HasGps)),
        ExtractionNote = Text(item, nameof(FileRecord.ExtractionNote)),
        ReceivedAt = Time(item, nameof(FileRecord.ReceivedAt)),
        DurationMs = Double(item, nameof(FileRecord.DurationMs)),
        TraceId = Text(item, nameof(FileRecord.TraceId)),
        MessageId = Text(item, nameof(FileRecord.MessageId)),
    };

    /// <summary>The stored form of a status: its upper-case name (<c>PROCESSED</c>, <c>REJECTED</c>, ...).</summary>
    public static string StatusName(RecordStatus status) => status switch
    {
        RecordStatus.Processed => "PROCESSED",
        RecordStatus.Rejected => "REJECTED",
        RecordStatus.Failed => "FAILED",
        RecordStatus.Deleted => "DELETED",
        RecordStatus.Missing => "MISSING",
        _ => status.ToString().ToUpperInvariant(),
    };

    public static RecordStatus ParseStatus(string? value) =>
        Enum.TryParse<RecordStatus>(value, ignoreCase: true, out var status)
            ? status
            : throw new FormatException($"Unknown record status '{value}'.");

    private static readonly long YearOneThousand = new DateTime(1000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    /// <summary>
    /// A timestamp in the table's sortable format (<see cref="RecordTable.TimestampFormat"/>), written by hand: a
    /// record write formats three, and the custom-format parser took longer than the rest of building the item.
    /// </summary>
    public static string Timestamp(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        if (utc.Ticks < YearOneThousand)
        {
            return utc.ToString(RecordTable.TimestampFormat, CultureInfo.InvariantCulture); // a year of fewer than four digits
        }

        return string.Create(24, utc, static (text, t) =>
        {
            // The date in one step (each of Year, Month and Day would compute it again), the time from the milliseconds of
            // the day (an int: its divisions are cheaper than the ticks' long ones), two digits at a time.
            t.Deconstruct(out var year, out var month, out var day);
            var ms = (int)(t.Ticks % TimeSpan.TicksPerDay / TimeSpan.TicksPerMillisecond);
            Two(text, 0, year / 100);
            Two(text, 2, year % 100);
            text[4] = '-';
            Two(text, 5, month);
            text[7] = '-';
            Two(text, 8, day);
            text[10] = 'T';
            Two(text, 11, ms / 3_600_000);
            text[13] = ':';
            Two(text, 14, ms / 60_000 % 60);
            text[16] = ':';
            Two(text, 17, ms / 1000 % 60);
            text[19] = '.';
            ms %= 1000;
            text[20] = (char)('0' + (ms / 100));
            Two(text, 21, ms % 100);
            text[23] = 'Z';
        });

        static void Two(Span<char> text, int at, int value)
        {
            var tens = value / 10;
            text[at] = (char)('0' + tens);
            text[at + 1] = (char)('0' + (value - (tens * 10)));
        }
    }

    private static AttributeValue S(PooledRecordItem? values, string value)
    {
        var attribute = values?.NextString() ?? new AttributeValue();
        attribute.S = value;
        return attribute;
    }

    private static AttributeValue N(PooledRecordItem? values, string value)
    {
        var attribute = values?.NextNumber() ?? new AttributeValue();
        attribute.N = value;
        return attribute;
    }

    private static AttributeValue N(PooledRecordItem? values, long value) => N(values, value.ToString(CultureInfo.InvariantCulture));

    private static AttributeValue N(PooledRecordItem? values, double value) => N(values, value.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>How many attributes <see cref="Write"/> writes for <paramref name="record"/> (the seven always there, and each optional one set).</summary>
    private static int AttributeCount(FileRecord record)
    {
        var count = 7;
        foreach (var present in (ReadOnlySpan<bool>)
        [
            !string.IsNullOrEmpty(record.Reason), record.Size is not null, !string.IsNullOrEmpty(record.DeclaredContentType),
            !string.IsNullOrEmpty(record.DetectedType), !string.IsNullOrEmpty(record.ETag), !string.IsNullOrEmpty(record.Sha256),
            !string.IsNullOrEmpty(record.VersionId), !string.IsNullOrEmpty(record.Sequencer), record.EventTime is not null,
            record.LastModified is not null, record.WordCount is not null, record.LineCount is not null,
            !string.IsNullOrEmpty(record.Preview), !string.IsNullOrEmpty(record.TextEncoding), record.ImageWidth is not null,
            record.ImageHeight is not null, record.PageCount is not null, !string.IsNullOrEmpty(record.Title),
            !string.IsNullOrEmpty(record.Author), record.DocumentCreated is not null, record.SheetCount is not null,
            record.SheetNames is not null, record.SlideCount is not null, record.HasMacros is not null,
            !string.IsNullOrEmpty(record.CameraMake), !string.IsNullOrEmpty(record.CameraModel), !string.IsNullOrEmpty(record.TakenAt),
            record.Orientation is not null, record.HasGps is not null, !string.IsNullOrEmpty(record.ExtractionNote),
            record.ReceivedAt is not null, record.DurationMs is not null, !string.IsNullOrEmpty(record.TraceId),
            !string.IsNullOrEmpty(record.MessageId),
        ])
        {
            count += present ? 1 : 0;
        }

        return count;
    }

    private static void Put(Dictionary<string, AttributeValue> item, PooledRecordItem? values, string name, string? value)
    {
        // DynamoDB refuses empty strings in key attributes only; keep non-key empties out too, for one shape.
        if (!string.IsNullOrEmpty(value))
        {
            item[name] = S(values, value);
        }
    }

    private static void Put(Dictionary<string, AttributeValue> item, PooledRecordItem? values, string name, long? value)
    {
        if (value is { } number)
        {
            item[name] = N(values, number);
        }
    }

    private static void Put(Dictionary<string, AttributeValue> item, PooledRecordItem? values, string name, double? value)
    {
        if (value is { } number)
        {
            item[name] = N(values, number);
        }
    }

    // Flags and lists are rare (documents and images): always new values, never reused ones.
    private static void Put(Dictionary<string, AttributeValue> item, string name, bool? value)
    {
        if (value is { } flag)
        {
            item[name] = new AttributeValue { BOOL = flag };
        }
    }

    /// <summary>A list of strings, in order (an <c>L</c> attribute: a string set would lose the order).</summary>
    private static void Put(Dictionary<string, AttributeValue> item, string name, IReadOnlyList<string>? texts)
    {
        if (texts is not null)
        {
            item[name] = new AttributeValue { L = [.. texts.Select(text => new AttributeValue { S = text })] };
        }
    }

    private static void Put(Dictionary<string, AttributeValue> item, PooledRecordItem? values, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            item[name] = S(values, Timestamp(time));
        }
    }

    private static string? Text(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) ? value.S : null;

    private static bool? Bool(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) ? value.BOOL : null;

    private static string[]? Texts(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.L is { } list ? [.. list.Select(element => element.S ?? "")] : null;

    private static long? Long(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.N is { } n
            ? (long)double.Parse(n, CultureInfo.InvariantCulture)
            : null;

    private static double? Double(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.N is { } n
            ? double.Parse(n, CultureInfo.InvariantCulture)
            : null;

    private static DateTimeOffset? Time(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        Text(item, name) is { } text
            ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)
            : null;
}
