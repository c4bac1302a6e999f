using FilePipeline.FileRecords;
using FilePipeline.Viewer.Records;

namespace FilePipeline.Viewer.Api;

/// <summary>
/// One row of the records list, with the display strings the pages show; <c>Details</c> sums up what was read from
/// a document or image (pages, words, sheets, slides, dimensions).
/// </summary>
public sealed record RecordSummary(
    string Bucket,
    string Key,
    RecordStatus Status,
    long? Size,
    string SizeText,
    string? DetectedType,
    DateTimeOffset ProcessedAt,
    string ProcessedAtText,
    string DetailUrl,
    string Details)
{
    public static RecordSummary From(FileRecord record) => new(
        record.Bucket,
        record.Key,
        record.Status,
        record.Size,
        Display.Size(record.Size),
        record.DetectedType,
        record.ProcessedAt,
        Display.Time(record.ProcessedAt),
        RecordLinks.Detail(record.Bucket, record.Key),
        ContentDisplay.Summary(record));
}
