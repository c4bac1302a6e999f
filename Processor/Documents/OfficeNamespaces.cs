namespace FilePipeline.Processor.Documents;

/// <summary>The namespaces and relationship types an Office Open XML package is read by, transitional and strict (ISO/IEC 29500).</summary>
internal static class OfficeNamespaces
{
    public static readonly string[] OfficeDocumentRelationships =
    [
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
        "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
    ];

    public static readonly string[] ExtendedPropertiesRelationships =
    [
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
        "http://purl.oclc.org/ooxml/officeDocument/relationships/extendedProperties",
    ];

    public const string VbaProjectRelationship = "http://schemas.microsoft.com/office/2006/relationships/vbaProject";

    public static bool IsWordprocessing(string ns) =>
        ns is "http://schemas.openxmlformats.org/wordprocessingml/2006/main" or "http://purl.oclc.org/ooxml/wordprocessingml/main";

    public static bool IsSpreadsheet(string ns) =>
        ns is "http://schemas.openxmlformats.org/spreadsheetml/2006/main" or "http://purl.oclc.org/ooxml/spreadsheetml/main";

    public static bool IsPresentation(string ns) =>
        ns is "http://schemas.openxmlformats.org/presentationml/2006/main" or "http://purl.oclc.org/ooxml/presentationml/main";
}
