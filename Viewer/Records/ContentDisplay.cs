using System.Globalization;
using FilePipeline.FileRecords;

namespace FilePipeline.Viewer.Records;

/// <summary>How the viewer shows what was read from a document or image: the list's summary, type names, EXIF orientation.</summary>
public static class ContentDisplay
{
    /// <summary>The detected types the type filter offers (a value is a prefix: <c>image/</c> finds every image).</summary>
    public static IReadOnlyList<(string Value, string Label)> TypeChoices { get; } =
    [
        ("application/pdf", "PDF"),
        ("application/vnd.openxmlformats-officedocument.", "Office documents (docx, xlsx, pptx)"),
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word (docx)"),
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel (xlsx)"),
        ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "PowerPoint (pptx)"),
        ("application/vnd.ms-", "Macro-enabled Office (docm, xlsm, pptm)"),
        ("image/", "Images"),
        ("image/jpeg", "JPEG"),
        ("image/png", "PNG"),
        ("image/heic", "HEIC"),
        ("text/", "Text and CSV"),
        ("application/json", "JSON"),
        ("application/zip", "Zip"),
    ];

    /// <summary>One line for the records list, e.g. <c>12 pages · 3,400 words</c>, <c>3 sheets</c>, <c>4032 × 3024</c>; empty when there is nothing.</summary>
    public static string Summary(FileRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var parts = new List<string>();
        Add(parts, record.PageCount, "page");
        Add(parts, record.SheetCount, "sheet");
        Add(parts, record.SlideCount, "slide");
        Add(parts, record.WordCount, "word");
        if (record.ImageWidth is { } width && record.ImageHeight is { } height)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{width} × {height}"));
        }

        if (record.HasMacros == true)
        {
            parts.Add("macros");
        }

        return string.Join(" · ", parts);
    }

    /// <summary>EXIF orientation (1–8) as what a viewer must do to show the image upright.</summary>
    public static string Orientation(int? orientation) => orientation switch
    {
        1 => "1 (upright)",
        2 => "2 (mirrored)",
        3 => "3 (rotated 180°)",
        4 => "4 (mirrored, rotated 180°)",
        5 => "5 (mirrored, rotated 90° clockwise)",
        6 => "6 (rotated 90° clockwise)",
        7 => "7 (mirrored, rotated 90° counter-clockwise)",
        8 => "8 (rotated 90° counter-clockwise)",
        _ => "—",
    };

    public static string YesNo(bool? value) => value switch
    {
        true => "yes",
        false => "no",
        null => "—",
    };

    private static void Add(List<string> parts, long? count, string unit)
    {
        if (count is { } value)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{value:N0} {unit}{(value == 1 ? "" : "s")}"));
        }
    }
}
