using System.Globalization;
using System.IO.Packaging;
using System.Xml;
using FilePipeline.Processor.Scanning;

namespace FilePipeline.Processor.Documents;

/// <summary>
/// Office Open XML through its packaging layer (System.IO.Packaging, what the Open XML SDK itself reads packages with)
/// and its parts' elements by name: whether it is macro-enabled, title and author; for Word the word count, preview
/// and the page count its properties record; for Excel the sheets; for PowerPoint the slides. Parts are read as a
/// stream of elements (never as a whole tree), each bounded to <see cref="DocumentLimits.MaxBytes"/> characters.
/// The SDK's typed document model is not used: the few elements read here do not need it, and keeping its thousands
/// of element classes nearly doubled the Lambda's Native AOT bootstrap and its memory (docs/benchmarks.md, lambda).
/// </summary>
internal static class OfficeInspector
{
    // Sheet names kept in the record; the count is always the whole number.
    public const int MaxSheetNames = 100;

    public static ContentDetails Inspect(string type, Stream package, DocumentLimits limits, CancellationToken deadline)
    {
        if (ZipPrecheck.Problem(package, limits) is { } problem)
        {
            return ContentDetails.NotExtracted($"Office document not parsed: {problem}");
        }

        using var document = Package.Open(package, FileMode.Open, FileAccess.Read);
        var family = OfficeFamily.Of(type);
        if (MainPart(document) is not { } main || !family.Owns(main.ContentType))
        {
            return ContentDetails.NotExtracted($"Office document not parsed: the package has no {family.Name} main part");
        }

        var macros = main.ContentType.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase) || HasVbaProject(main);
        var properties = Common(document) with { HasMacros = macros };
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            MaxCharactersInDocument = limits.MaxBytes,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = false,
            CloseInput = true,
        };
        return family.Kind switch
        {
            OfficeKind.Word => Word(document, main, properties, macros ? MediaTypes.Docm : MediaTypes.Docx, settings, limits, deadline),
            OfficeKind.Excel => Excel(main, properties, macros ? MediaTypes.Xlsm : MediaTypes.Xlsx, settings, deadline),
            _ => PowerPoint(main, properties, macros ? MediaTypes.Pptm : MediaTypes.Pptx, settings, deadline),
        };
    }

    private static ContentDetails Word(
        Package document, PackagePart main, DocumentProperties properties, string type, XmlReaderSettings settings, DocumentLimits limits, CancellationToken deadline)
    {
        properties = properties with { PageCount = Number(ExtendedProperty(document, "Pages", settings)) };
        var counter = new WordCounter(ContentScanner.PreviewLength);
        try
        {
            using var reader = XmlReader.Create(main.GetStream(FileMode.Open, FileAccess.Read), settings);
            var inText = false;
            var inTabStops = false;
            while (reader.Read())
            {
                deadline.ThrowIfCancellationRequested();
                switch (reader.NodeType)
                {
                    case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace when inText:
                        counter.Add(reader.Value);
                        break;
                    case XmlNodeType.Element when OfficeNamespaces.IsWordprocessing(reader.NamespaceURI):
                        switch (reader.LocalName)
                        {
                            case "t":
                                inText = !reader.IsEmptyElement;
                                break;
                            case "tabs":
                                inTabStops = !reader.IsEmptyElement; // a paragraph's tab stops, not tab characters
                                break;
                            case "tab" when !inTabStops:
                            case "br":
                                counter.Separate(' ');
                                break;
                            case "p" when reader.IsEmptyElement:
                                counter.Separate('\n');
                                break;
                        }

                        break;
                    case XmlNodeType.EndElement when OfficeNamespaces.IsWordprocessing(reader.NamespaceURI):
                        switch (reader.LocalName)
                        {
                            case "t":
                                inText = false;
                                break;
                            case "tabs":
                                inTabStops = false;
                                break;
                            case "p":
                                counter.Separate('\n');
                                break;
                        }

                        break;
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return new ContentDetails(properties, null, type, $"words and preview not extracted: reading the text took longer than the {limits.Timeout.TotalSeconds:0.###} s limit");
        }
        catch (XmlException exception) when (exception.Message.Contains("MaxCharactersInDocument", StringComparison.Ordinal))
        {
            return new ContentDetails(properties, null, type, $"words and preview not extracted: {main.Uri} expands beyond {limits.MaxBytes:N0} characters (possible zip bomb)");
        }

        return new ContentDetails(properties with { WordCount = counter.Words, Preview = counter.Preview }, null, type, null);
    }

    private static ContentDetails Excel(PackagePart workbook, DocumentProperties properties, string type, XmlReaderSettings settings, CancellationToken deadline)
    {
        var names = new List<string>();
        var count = 0;
        using (var reader = XmlReader.Create(workbook.GetStream(FileMode.Open, FileAccess.Read), settings))
        {
            while (reader.Read())
            {
                deadline.ThrowIfCancellationRequested();
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "sheet" && OfficeNamespaces.IsSpreadsheet(reader.NamespaceURI))
                {
                    count++;
                    if (names.Count < MaxSheetNames && Text.Clean(reader.GetAttribute("name")) is { } clean)
                    {
                        names.Add(clean);
                    }
                }
            }
        }

        return new ContentDetails(properties with { SheetCount = count, SheetNames = names }, null, type, null);
    }

    private static ContentDetails PowerPoint(PackagePart presentation, DocumentProperties properties, string type, XmlReaderSettings settings, CancellationToken deadline)
    {
        var slides = 0;
        using (var reader = XmlReader.Create(presentation.GetStream(FileMode.Open, FileAccess.Read), settings))
        {
            while (reader.Read())
            {
                deadline.ThrowIfCancellationRequested();
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "sldId" && OfficeNamespaces.IsPresentation(reader.NamespaceURI))
                {
                    slides++;
                }
            }
        }

        return new ContentDetails(properties with { SlideCount = slides }, null, type, null);
    }

    /// <summary>The part the package's <c>officeDocument</c> relationship points at (document.xml, workbook.xml, presentation.xml).</summary>
    private static PackagePart? MainPart(Package document) => Target(document, document.GetRelationships(), OfficeNamespaces.OfficeDocumentRelationships);

    /// <summary>A VBA project related to the main part: macros whatever the declared form.</summary>
    private static bool HasVbaProject(PackagePart main) =>
        main.GetRelationships().Any(relationship => relationship.RelationshipType == OfficeNamespaces.VbaProjectRelationship);

    /// <summary>One element of the extended properties (docProps/app.xml), e.g. <c>Pages</c>; null when there is none.</summary>
    private static string? ExtendedProperty(Package document, string name, XmlReaderSettings settings)
    {
        if (Target(document, document.GetRelationships(), OfficeNamespaces.ExtendedPropertiesRelationships) is not { } part)
        {
            return null;
        }

        using var reader = XmlReader.Create(part.GetStream(FileMode.Open, FileAccess.Read), settings);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == name && reader.Depth == 1)
            {
                return reader.ReadElementContentAsString();
            }
        }

        return null;
    }

    private static PackagePart? Target(Package document, PackageRelationshipCollection relationships, IReadOnlyList<string> types)
    {
        foreach (var relationship in relationships)
        {
            if (relationship.TargetMode == TargetMode.Internal && types.Contains(relationship.RelationshipType))
            {
                var uri = PackUriHelper.ResolvePartUri(relationship.SourceUri, relationship.TargetUri);
                return document.PartExists(uri) ? document.GetPart(uri) : null;
            }
        }

        return null;
    }

    /// <summary>Title, author and creation date from the core properties (docProps/core.xml).</summary>
    private static DocumentProperties Common(Package document)
    {
        var core = document.PackageProperties;
        return new DocumentProperties
        {
            Title = Text.Clean(core.Title),
            Author = Text.Clean(core.Creator),
            Created = core.Created is { } created ? new DateTimeOffset(DateTime.SpecifyKind(created.ToUniversalTime(), DateTimeKind.Utc)) : null,
        };
    }

    private static int? Number(string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
