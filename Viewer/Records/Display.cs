using System.Globalization;
using FilePipeline.FileRecords;

namespace FilePipeline.Viewer.Records;

/// <summary>How the viewer writes sizes, times and statuses for people (the pages and the API's display fields).</summary>
public static class Display
{
    // Binary multiples, so named (a limit of 64 * 1024 bytes reads "64 KiB", not a "64 KB" that means 64,000).
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB"];

    /// <summary>A size in binary units: <c>512 B</c>, <c>2 KiB</c>, <c>195.3 KiB</c>, <c>5 GiB</c>.</summary>
    public static string Size(long? bytes)
    {
        if (bytes is not { } value)
        {
            return "—";
        }

        double size = value;
        var unit = 0;
        while (size >= 1024 && unit < Units.Length - 1)
        {
            size /= 1024;
            unit++;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{value} B")
            : string.Create(CultureInfo.InvariantCulture, $"{size:0.#} {Units[unit]}");
    }

    /// <summary>UTC to the second, e.g. <c>2026-11-22 04:07:16 UTC</c>.</summary>
    public static string Time(DateTimeOffset? time) =>
        time is { } value
            ? value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)
            : "—";

    /// <summary>Machine-readable form for a <c>&lt;time datetime&gt;</c> attribute.</summary>
    public static string IsoTime(DateTimeOffset? time) =>
        time is { } value ? FileRecordItem.Timestamp(value) : "";

    /// <summary>How long ago, e.g. <c>5 s ago</c>, <c>3 min ago</c>, <c>2 h ago</c>, <c>4 d ago</c>.</summary>
    public static string Ago(DateTimeOffset? time, DateTimeOffset now)
    {
        if (time is not { } value)
        {
            return "";
        }

        var age = now - value;
        return age switch
        {
            { TotalSeconds: < 1 } => "just now",
            { TotalMinutes: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalSeconds} s ago"),
            { TotalHours: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalMinutes} min ago"),
            { TotalDays: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalHours} h ago"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalDays} d ago"),
        };
    }

    public static string Duration(double? milliseconds) =>
        milliseconds switch
        {
            null => "—",
            < 1000 => string.Create(CultureInfo.InvariantCulture, $"{milliseconds:0.#} ms"),
            < 60_000 => string.Create(CultureInfo.InvariantCulture, $"{milliseconds / 1000:0.##} s"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{milliseconds / 60_000:0.#} min"),
        };

    public static string Number(long? value) =>
        value is { } number ? number.ToString("N0", CultureInfo.InvariantCulture) : "—";

    /// <summary>A count with its noun in the right number: <c>1 line</c>, <c>0 lines</c>, <c>1,204 words</c>.</summary>
    public static string Count(long count, string one, string many) =>
        $"{Number(count)} {(count == 1 ? one : many)}";

    /// <summary>
    /// Words and lines of a text record (<c>3 words, 1 line, utf-8</c>), or null when it has none. An empty object
    /// declared as text has 0 and 0 (the scanner finds no text in nothing, so it stores no counts).
    /// </summary>
    public static string? TextCounts(FileRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var emptyText = record.Size == 0 && record.DeclaredContentType?.StartsWith("text/", StringComparison.OrdinalIgnoreCase) == true;
        if (record.WordCount is null && record.LineCount is null && !emptyText)
        {
            return null;
        }

        var counts = $"{Count(record.WordCount ?? 0, "word", "words")}, {Count(record.LineCount ?? 0, "line", "lines")}";
        return record.TextEncoding is null ? counts : $"{counts}, {record.TextEncoding}";
    }

    public static string Status(RecordStatus status) => FileRecordItem.StatusName(status);

    /// <summary>CSS class of a status badge.</summary>
    public static string BadgeClass(RecordStatus status) => "badge badge-" + status.ToString().ToLowerInvariant();
}
