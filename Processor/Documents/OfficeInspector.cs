using System.Globalization;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using FilePipeline.Processor.Scanning;
using Presentation = DocumentFormat.OpenXml.Presentation;
using Spreadsheet = DocumentFormat.OpenXml.Spreadsheet;
using Wordprocessing = DocumentFormat.OpenXml.Wordprocessing;

namespace FilePipeline.Processor.Documents;

/// <summary>
/// Office Open XML with the Open XML SDK: whether it is macro-enabled, title and author; for Word the word count,
/// preview and the page count its properties record; for Excel the sheets; for PowerPoint the slides. Parts are read
/// as a stream of elements (never as a whole tree), each bounded to <see cref="DocumentLimits.MaxBytes"/> characters.
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

        var settings = new OpenSettings { AutoSave = false, MaxCharactersInPart = limits.MaxBytes };
        return type switch
        {
            MediaTypes.Docx or MediaTypes.Docm => Word(package, settings, limits, deadline),
            MediaTypes.Xlsx or MediaTypes.Xlsm => Excel(package, settings, deadline),
            _ => PowerPoint(package, settings, deadline),
        };
    }

    private static ContentDetails Word(Stream package, OpenSettings settings, DocumentLimits limits, CancellationToken deadline)
    {
        using var document = WordprocessingDocument.Open(package, false, settings);
        var macros = document.DocumentType is WordprocessingDocumentType.MacroEnabledDocument or WordprocessingDocumentType.MacroEnabledTemplate;
        var hasVba = document.MainDocumentPart?.VbaProjectPart is not null;
        var properties = Common(document) with
        {
            HasMacros = macros || hasVba,
            PageCount = Number(document.ExtendedFilePropertiesPart?.Properties.Pages?.Text),
        };
        var type = macros || hasVba ? MediaTypes.Docm : MediaTypes.Docx;
        if (document.MainDocumentPart is not { } main)
        {
            return new ContentDetails(properties, null, type, "words and preview not extracted: the package has no main document part");
        }

        var counter = new WordCounter(ContentScanner.PreviewLength);
        try
        {
            using var reader = OpenXmlReader.Create(main, readMiscNodes: false);
            while (reader.Read())
            {
                deadline.ThrowIfCancellationRequested();
                var element = reader.ElementType;
                if (reader.IsStartElement && element == typeof(Wordprocessing.Text))
                {
                    counter.Add(reader.GetText());
                }
                else if (reader.IsEndElement && element == typeof(Wordprocessing.Paragraph))
                {
                    counter.Separate('\n');
                }
                else if (reader.IsStartElement && (element == typeof(Wordprocessing.TabChar) || element == typeof(Wordprocessing.Break)))
                {
                    counter.Separate(' ');
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

    private static ContentDetails Excel(Stream package, OpenSettings settings, CancellationToken deadline)
    {
        using var document = SpreadsheetDocument.Open(package, false, settings);
        var macros = document.DocumentType is SpreadsheetDocumentType.MacroEnabledWorkbook or SpreadsheetDocumentType.MacroEnabledTemplate or SpreadsheetDocumentType.AddIn;
        var hasVba = document.WorkbookPart?.VbaProjectPart is not null;
        var names = new List<string>();
        var count = 0;
        if (document.WorkbookPart is { } workbook)
        {
            using var reader = OpenXmlReader.Create(workbook, readMiscNodes: false);
            while (reader.Read())
            {
                deadline.ThrowIfCancellationRequested();
                if (reader.IsStartElement && reader.ElementType == typeof(Spreadsheet.Sheet))
                {
                    count++;
                    var name = reader.Attributes.FirstOrDefault(attribute => attribute.LocalName == "name").Value;
                    if (names.Count < MaxSheetNames && Text.Clean(name) is { } clean)
                    {
                        names.Add(clean);
                    }
                }
            }
        }

        var properties = Common(document) with { HasMacros = macros || hasVba, SheetCount = count, SheetNames = names };
        return new ContentDetails(properties, null, macros || hasVba ? MediaTypes.Xlsm : MediaTypes.Xlsx, null);
    }

    private static ContentDetails PowerPoint(Stream package, OpenSettings settings, CancellationToken deadline)
    {
        using var document = PresentationDocument.Open(package, false, settings);
        var macros = document.DocumentType is PresentationDocumentType.MacroEnabledPresentation or PresentationDocumentType.MacroEnabledTemplate
            or PresentationDocumentType.MacroEnabledSlideshow or PresentationDocumentType.AddIn;
        var hasVba = document.PresentationPart?.VbaProjectPart is not null;
        var slides = 0;
        if (document.PresentationPart is { } presentation)
        {
            using var reader = OpenXmlReader.Create(presentation, readMiscNodes: false);
            while (reader.Read())
            {
                deadline.ThrowIfCancellationRequested();
                if (reader.IsStartElement && reader.ElementType == typeof(Presentation.SlideId))
                {
                    slides++;
                }
            }
        }

        var properties = Common(document) with { HasMacros = macros || hasVba, SlideCount = slides };
        return new ContentDetails(properties, null, macros || hasVba ? MediaTypes.Pptm : MediaTypes.Pptx, null);
    }

    /// <summary>Title, author and creation date from the core properties (docProps/core.xml).</summary>
    private static DocumentProperties Common(OpenXmlPackage document)
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
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
