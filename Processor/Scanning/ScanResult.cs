using FilePipeline.FileRecords;
using FilePipeline.Processor.Documents;

namespace FilePipeline.Processor.Scanning;

/// <summary>
/// What one streaming pass over an object found, with what parsing it as a document or image added
/// (<see cref="Document"/>, <see cref="Image"/>) and a <see cref="Note"/> on what could not be extracted.
/// </summary>
public sealed record ScanResult(
    long Size,
    string Sha256,
    string DetectedType,
    string? TextEncoding,
    long? WordCount,
    long? LineCount,
    string? Preview,
    int? ImageWidth,
    int? ImageHeight)
{
    public DocumentProperties? Document { get; init; }

    public ImageProperties? Image { get; init; }

    public string? Note { get; init; }

    /// <summary>The one place a scan becomes record fields: <paramref name="record"/> with everything this scan found.</summary>
    public FileRecord Describe(FileRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record with
        {
            Size = Size,
            DetectedType = DetectedType,
            Sha256 = Sha256,
            TextEncoding = TextEncoding,
            WordCount = WordCount,
            LineCount = LineCount,
            Preview = Preview,
            ImageWidth = ImageWidth,
            ImageHeight = ImageHeight,
            PageCount = Document?.PageCount,
            Title = Document?.Title,
            Author = Document?.Author,
            DocumentCreated = Document?.Created,
            SheetCount = Document?.SheetCount,
            SheetNames = Document?.SheetNames,
            SlideCount = Document?.SlideCount,
            HasMacros = Document?.HasMacros,
            CameraMake = Image?.CameraMake,
            CameraModel = Image?.CameraModel,
            TakenAt = Image?.TakenAt,
            Orientation = Image?.Orientation,
            HasGps = Image?.HasGps,
            ExtractionNote = Note,
        };
    }
}
