using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace FilePipeline.Processor.Documents;

/// <summary>
/// A PDF's page count, properties (title, author, creation date), word count and preview, with PdfPig. The page
/// count and properties come from opening the document; words need every page's content, so a parse that runs out
/// of time (or decode budget) on the pages keeps the count and properties and says the words were not counted:
/// a partial word count would be a wrong one.
/// </summary>
internal static class PdfInspector
{
    public static ContentDetails Inspect(Stream pdf, DocumentLimits limits, CancellationToken deadline)
    {
        var filters = new BoundedFilterProvider(maxStreamBytes: limits.MaxBytes, maxTotalBytes: 8 * limits.MaxBytes);
        PdfDocument document;
        try
        {
            document = PdfDocument.Open(pdf, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true, FilterProvider = filters });
        }
        catch (PdfDocumentEncryptedException)
        {
            return ContentDetails.NotExtracted("encrypted PDF that needs a password: pages, words, preview and properties not extracted");
        }

        using (document)
        {
            var information = document.Information;
            var properties = new DocumentProperties
            {
                PageCount = document.NumberOfPages,
                Title = Text.Clean(information.Title),
                Author = Text.Clean(information.Author),
                Created = information.GetCreatedDateTimeOffset(),
            };
            var counter = new WordCounter(Scanning.ContentScanner.PreviewLength);
            string? note = null;
            try
            {
                for (var number = 1; number <= document.NumberOfPages; number++)
                {
                    deadline.ThrowIfCancellationRequested();
                    foreach (var word in document.GetPage(number).GetWords())
                    {
                        counter.Add(word.Text);
                        counter.Separate(' ');
                    }

                    counter.Separate('\n');
                }
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                note = $"words and preview not extracted: reading the pages took longer than the {limits.Timeout.TotalSeconds:0.###} s limit";
            }
            catch (DecodeBudgetExceededException exception)
            {
                note = $"words and preview not extracted: {exception.Message} (possible decompression bomb)";
            }

            if (note is null && filters.Exceeded)
            {
                note = "words and preview not extracted: a compressed stream was over the decode limit (possible decompression bomb)";
            }

            return note is null
                ? new ContentDetails(properties with { WordCount = counter.Words, Preview = counter.Preview }, null, null, null)
                : new ContentDetails(properties, null, null, note);
        }
    }
}
