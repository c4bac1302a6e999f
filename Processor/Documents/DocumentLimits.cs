namespace FilePipeline.Processor.Documents;

/// <summary>
/// How much of a document or image is parsed after the streaming pass: objects up to <see cref="MaxBytes"/>, for at
/// most <see cref="Timeout"/>. Above either, the record is still PROCESSED, with a note saying what was not extracted.
/// </summary>
public sealed record DocumentLimits(long MaxBytes, TimeSpan Timeout)
{
    public static DocumentLimits Default { get; } = new(ProcessorOptions.DefaultMaxDocumentBytes, TimeSpan.FromMilliseconds(ProcessorOptions.DefaultDocumentTimeoutMilliseconds));

    public static DocumentLimits From(ProcessorOptions options) =>
        new(options.MaxDocumentBytes, TimeSpan.FromMilliseconds(options.DocumentTimeoutMilliseconds));
}
