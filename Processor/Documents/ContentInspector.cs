using FilePipeline.Processor.Scanning;

namespace FilePipeline.Processor.Documents;

/// <summary>
/// Parses a document or image after the streaming pass, within <see cref="DocumentLimits"/>. Whatever the content
/// (malformed, hostile, too slow), the answer is details with a note, never an exception: the record stays PROCESSED
/// and the message is not retried. Only the caller's own cancellation (shutdown, a Lambda deadline) propagates.
/// </summary>
public static class ContentInspector
{
    // How long past the time limit to wait for a parser that stopped neither at a read nor at a check of the
    // deadline; it is then left to finish on its own (its input is closed under it) and the record goes out.
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Details of <paramref name="content"/> (seekable, positioned at the start), sniffed as <paramref name="type"/>.
    /// </summary>
    public static async Task<ContentDetails> InspectAsync(string type, Stream content, DocumentLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limits);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limits.Timeout);
        var token = deadline.Token;
        var input = new DeadlineStream(content, token);
        var parse = Task.Run(() => Inspect(type, input, limits, token), CancellationToken.None);
        try
        {
            return await parse.WaitAsync(limits.Timeout + Grace, cancellationToken);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return TimedOut(type, limits);
        }
        catch (TimeoutException)
        {
            return TimedOut(type, limits);
        }
    }

    private static ContentDetails Inspect(string type, Stream content, DocumentLimits limits, CancellationToken deadline)
    {
        try
        {
            return type switch
            {
                MediaTypes.Pdf => PdfInspector.Inspect(content, limits, deadline),
                _ when MediaTypes.IsOffice(type) => OfficeInspector.Inspect(type, content, limits, deadline),
                _ => ImageInspector.Inspect(type, content),
            };
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Malformed content: every parser has its own exception types, and lenient ones throw what they meet
            // (format, index, null reference, XML, zip errors). Which one does not change the outcome.
            return ContentDetails.NotExtracted($"{Kind(type)} not parsed: {exception.GetType().Name}: {Text.Clean(exception.Message) ?? "no message"}");
        }
    }

    private static ContentDetails TimedOut(string type, DocumentLimits limits) =>
        ContentDetails.NotExtracted($"{Kind(type)} not parsed: parsing took longer than the {limits.Timeout.TotalSeconds:0.###} s limit");

    /// <summary>What the note calls the content: "PDF", "Office document", "image".</summary>
    public static string Kind(string type) =>
        type == MediaTypes.Pdf ? "PDF" : MediaTypes.IsOffice(type) ? "Office document" : "image";
}
