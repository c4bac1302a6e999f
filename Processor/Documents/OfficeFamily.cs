using FilePipeline.Processor.Scanning;

namespace FilePipeline.Processor.Documents;

internal enum OfficeKind
{
    Word,
    Excel,
    PowerPoint,
}

/// <summary>Word, Excel or PowerPoint, and the content types its main part may have (documents, templates, add-ins, plain or macro-enabled).</summary>
internal sealed record OfficeFamily(OfficeKind Kind, string Name, string[] MainContentTypes)
{
    private static readonly OfficeFamily Word = new(OfficeKind.Word, "Word",
    [
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
        "application/vnd.ms-word.document.macroEnabled.main+xml",
        "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    ]);

    private static readonly OfficeFamily Excel = new(OfficeKind.Excel, "Excel",
    [
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
        "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
        "application/vnd.ms-excel.template.macroEnabled.main+xml",
        "application/vnd.ms-excel.addin.macroEnabled.main+xml",
    ]);

    private static readonly OfficeFamily PowerPoint = new(OfficeKind.PowerPoint, "PowerPoint",
    [
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
        "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
        "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
        "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
        "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
        "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml",
        "application/vnd.ms-powerpoint.addin.macroEnabled.main+xml",
    ]);

    /// <summary>The family of a sniffed Office type (<see cref="MediaTypes.IsOffice"/>).</summary>
    public static OfficeFamily Of(string type) => type switch
    {
        MediaTypes.Docx or MediaTypes.Docm => Word,
        MediaTypes.Xlsx or MediaTypes.Xlsm => Excel,
        _ => PowerPoint,
    };

    /// <summary>Whether a main part of <paramref name="contentType"/> belongs to this family (parameters such as a charset ignored).</summary>
    public bool Owns(string contentType)
    {
        var bare = contentType.Split(';', 2)[0].Trim();
        return MainContentTypes.Contains(bare, StringComparer.OrdinalIgnoreCase);
    }
}
