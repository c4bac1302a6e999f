namespace FilePipeline.Processor.Documents;

/// <summary>
/// The outcome of parsing one document or image: the properties found, the detected type when the parser knows it
/// better than the sniff (a macro-enabled Office form), and a note saying what was not extracted and why.
/// </summary>
public sealed record ContentDetails(DocumentProperties? Document, ImageProperties? Image, string? DetectedType, string? Note)
{
    public static ContentDetails NotExtracted(string note) => new(null, null, null, note);
}
