using DocumentFormat.OpenXml;
using FilePipeline.Processor.Documents;
using FilePipeline.Processor.Scanning;
using FilePipeline.Tests.Processor;

namespace FilePipeline.Tests.Documents;

/// <summary>PDF and Office files, valid and hostile, through the streaming pass and the parse after it.</summary>
public sealed class DocumentScanTests
{
    // Generous time limits: on a loaded machine a first parse (JIT included) takes seconds; the time-limit test
    // holds its parse until the limit has passed, so it does not depend on the machine's speed either.
    private static readonly TimeSpan Slow = TimeSpan.FromMinutes(2);
    private static readonly DocumentLimits Small = new(1024 * 1024, Slow);
    private static readonly DocumentLimits Generous = new(DocumentLimits.Default.MaxBytes, Slow);

    [Fact]
    public async Task Pdf_gets_pages_words_preview_and_properties()
    {
        var pdf = DocumentSamples.Pdf(["Hello PDF world", "Second page has five words"]);

        var result = await ScanAsync(pdf);

        Assert.Equal((MediaTypes.Pdf, 2, 8L), (result.DetectedType, result.Document?.PageCount, result.WordCount));
        Assert.Equal("Hello PDF world\nSecond page has five words", result.Preview);
        Assert.Equal(("Quarterly report", "Ada Lovelace"), (result.Document!.Title, result.Document.Author));
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 20, 30, TimeSpan.Zero), result.Document.Created);
        Assert.Null(result.Note);
    }

    [Fact]
    public async Task Pdf_larger_than_the_head_is_spooled_and_parsed()
    {
        // Hundreds of pages: the file is several times the 64 KiB head, so it goes through the temporary file.
        var pages = LongReport;
        var pdf = DocumentSamples.Pdf(pages);
        Assert.True(pdf.Length > ContentScanner.HeadLength * 2, $"the sample is {pdf.Length} bytes");

        var result = await ScanAsync(pdf);

        Assert.Equal((pages.Count, pages.Count * 7L), (result.Document?.PageCount, result.WordCount));
        Assert.Equal(string.Join('\n', pages)[..ContentScanner.PreviewLength].TrimEnd(), result.Preview);
    }

    [Fact]
    public async Task Encrypted_pdf_is_a_note_not_a_failure()
    {
        var result = await ScanAsync(DocumentSamples.EncryptedPdf());

        Assert.Equal(MediaTypes.Pdf, result.DetectedType);
        Assert.Contains("encrypted PDF", result.Note, StringComparison.Ordinal);
        Assert.Null(result.WordCount);
    }

    [Fact]
    public async Task Pdf_with_a_cyclic_cross_reference_table_ends_with_a_record()
    {
        var result = await ScanAsync(DocumentSamples.CyclicXrefPdf());

        // PdfPig notices the cycle and reads the table once: one page, no text.
        Assert.Equal((MediaTypes.Pdf, 1, 0L), (result.DetectedType, result.Document?.PageCount, result.WordCount));
    }

    [Fact]
    public async Task Pdf_decompression_bomb_keeps_the_page_count_and_says_words_were_not_counted()
    {
        var pdf = DocumentSamples.FlateBombPdf(inflatedBytes: 64 * 1024 * 1024);
        Assert.True(pdf.Length < 256 * 1024, $"the bomb is {pdf.Length} bytes");

        var result = await ScanAsync(pdf, Small);

        Assert.Equal(1, result.Document?.PageCount);
        Assert.Null(result.WordCount);
        Assert.Contains("decompression bomb", result.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_pdf_is_a_note()
    {
        var result = await ScanAsync("%PDF-1.7\nthis is not a PDF body at all\n"u8.ToArray());

        Assert.Equal(MediaTypes.Pdf, result.DetectedType);
        Assert.StartsWith("PDF not parsed: ", result.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Docx_gets_words_preview_pages_and_properties()
    {
        var docx = DocumentSamples.Docx(["Design notes for the pipeline.", "Second paragraph, four words."], pages: 3);

        var result = await ScanAsync(docx);

        Assert.Equal((MediaTypes.Docx, 3, 9L, false), (result.DetectedType, result.Document?.PageCount, result.WordCount, result.Document?.HasMacros));
        Assert.Equal("Design notes for the pipeline.\nSecond paragraph, four words.", result.Preview);
        Assert.Equal(("Design notes", "Grace Hopper"), (result.Document!.Title, result.Document.Author));
        Assert.Equal(new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero), result.Document.Created);
        Assert.Null(result.Note);
    }

    [Theory]
    [InlineData("docm")]
    [InlineData("xlsm")]
    public async Task Macro_enabled_office_files_are_told_apart_and_flagged(string kind)
    {
        var (content, expected) = kind == "docm"
            ? (DocumentSamples.Docx(["macro"], type: WordprocessingDocumentType.MacroEnabledDocument), MediaTypes.Docm)
            : (DocumentSamples.Xlsx(["Sheet1"], SpreadsheetDocumentType.MacroEnabledWorkbook), MediaTypes.Xlsm);

        var result = await ScanAsync(content);

        Assert.Equal((expected, true), (result.DetectedType, result.Document?.HasMacros));
    }

    [Fact]
    public async Task Macro_enabled_type_is_sniffed_even_when_the_file_is_too_large_to_parse()
    {
        var docm = DocumentSamples.Docx(["macro"], type: WordprocessingDocumentType.MacroEnabledDocument);

        var result = await ScanAsync(docm, new DocumentLimits(0, Slow));

        Assert.Equal(MediaTypes.Docm, result.DetectedType);
        Assert.Null(result.Document);
        Assert.Contains("over the 0-byte parse limit", result.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Xlsx_gets_sheet_count_and_names_in_order()
    {
        var result = await ScanAsync(DocumentSamples.Xlsx(["Budget", "Q1 2026", "Ünïcødé"]));

        Assert.Equal((MediaTypes.Xlsx, 3, false, "Budget 2026"), (result.DetectedType, result.Document?.SheetCount, result.Document?.HasMacros, result.Document?.Title));
        Assert.Equal(["Budget", "Q1 2026", "Ünïcødé"], result.Document!.SheetNames!);
    }

    [Fact]
    public async Task Pptx_gets_its_slide_count()
    {
        var result = await ScanAsync(DocumentSamples.Pptx(slides: 4));

        Assert.Equal((MediaTypes.Pptx, 4, "Launch"), (result.DetectedType, result.Document?.SlideCount, result.Document?.Title));
    }

    [Fact]
    public async Task Plain_zip_is_not_taken_for_an_office_file()
    {
        var result = await ScanAsync(Samples.Zip("a.txt", "word.txt", "xl.txt"));

        Assert.Equal(MediaTypes.Zip, result.DetectedType);
        Assert.Null(result.Document);
        Assert.Null(result.Note);
    }

    [Fact]
    public async Task Zip_bomb_is_refused_from_its_directory()
    {
        var bomb = DocumentSamples.ZipBombDocx(inflatedBytes: 32 * 1024 * 1024);
        Assert.True(bomb.Length < 512 * 1024, $"the bomb is {bomb.Length} bytes");

        var result = await ScanAsync(bomb, Small);

        Assert.Equal(MediaTypes.Docx, result.DetectedType);
        Assert.Null(result.WordCount);
        Assert.Contains("word/document.xml declares", result.Note, StringComparison.Ordinal);
        Assert.Contains("possible zip bomb", result.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Zip_bomb_with_a_lying_directory_is_stopped_at_the_declared_size()
    {
        var bomb = DocumentSamples.LyingZipBombDocx(inflatedBytes: 32 * 1024 * 1024);

        var result = await ScanAsync(bomb, Small);

        Assert.Equal(MediaTypes.Docx, result.DetectedType);
        Assert.Null(result.WordCount);
        Assert.NotNull(result.Note);
    }

    [Fact]
    public async Task Truncated_office_file_is_a_note()
    {
        var docx = DocumentSamples.Docx(["cut short"]);

        var result = await ScanAsync(docx[..(docx.Length / 2)]);

        Assert.Equal(MediaTypes.Docx, result.DetectedType);
        Assert.Contains("not a readable zip", result.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Document_over_the_size_limit_is_not_spooled_and_gets_a_note()
    {
        var pdf = DocumentSamples.Pdf(LongReport);

        var result = await ContentScanner.ScanAsync(new MemoryStream(pdf), pdf.Length, new DocumentLimits(ContentScanner.HeadLength, Slow), TestContext.Current.CancellationToken);

        Assert.Equal((MediaTypes.Pdf, pdf.Length), (result.DetectedType, result.Size));
        Assert.Null(result.Document);
        Assert.Equal($"PDF not parsed: {pdf.Length:N0} bytes is over the {ContentScanner.HeadLength:N0}-byte parse limit (Processor:MaxDocumentBytes)", result.Note);
    }

    [Fact]
    public async Task Document_that_grows_past_the_limit_while_spooling_gets_a_note()
    {
        var pdf = DocumentSamples.Pdf(LongReport);

        // No length known in advance: the spool stops at the limit.
        var result = await ScanAsync(pdf, new DocumentLimits(ContentScanner.HeadLength + 1, Slow));

        Assert.Null(result.Document);
        Assert.Contains("over the", result.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parse_past_the_time_limit_is_a_note()
    {
        // A parse that cannot finish before the limit, however fast the machine (a 1 ms limit was beaten by an idle
        // one): its reads are held until the inspection has answered.
        using var held = new HeldStream(DocumentSamples.Pdf(LongReport));
        var limits = new DocumentLimits(Small.MaxBytes, TimeSpan.FromMilliseconds(1));

        var details = await ContentInspector.InspectAsync(MediaTypes.Pdf, held, limits, TestContext.Current.CancellationToken);
        held.Release();

        Assert.Null(details.Document?.WordCount);
        Assert.Null(details.Document?.PageCount);
        Assert.Equal("PDF not parsed: parsing took longer than the 0.001 s limit", details.Note);
    }

    [Fact]
    public async Task Callers_cancellation_is_not_turned_into_a_note()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        // Shutdown or a Lambda deadline: the message must fail (and come back), not be recorded with a note.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            ContentInspector.InspectAsync(MediaTypes.Pdf, new MemoryStream(DocumentSamples.Pdf(["x"])), DocumentLimits.Default, cancelled.Token));
    }

    private static List<string> LongReport { get; } = [.. Enumerable.Range(1, 400).Select(i => $"Page number {i} of the long report")];

    private static Task<ScanResult> ScanAsync(byte[] content, DocumentLimits? limits = null) =>
        ContentScanner.ScanAsync(new TrickleStream(new MemoryStream(content), 4_096), null, limits ?? Generous, TestContext.Current.CancellationToken);

    /// <summary>
    /// A seekable stream over <c>content</c> whose reads wait until <see cref="Release"/>, or until 30 s after it was made
    /// (so that a product that ignored its limit shows as a parse that finished, not as a hang).
    /// </summary>
    private sealed class HeldStream(byte[] content) : MemoryStream(content)
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly DateTime _until = DateTime.UtcNow.AddSeconds(30);

        private void Hold()
        {
            var left = _until - DateTime.UtcNow;
            if (left > TimeSpan.Zero)
            {
                _released.Task.Wait(left);
            }
        }

        public void Release() => _released.TrySetResult();

        public override int Read(byte[] buffer, int offset, int count)
        {
            Hold();
            return base.Read(buffer, offset, count);
        }

        public override int Read(Span<byte> buffer)
        {
            Hold();
            return base.Read(buffer);
        }

        public override int ReadByte()
        {
            Hold();
            return base.ReadByte();
        }

        protected override void Dispose(bool disposing)
        {
            _released.TrySetResult();

            base.Dispose(disposing);
        }
    }
}
