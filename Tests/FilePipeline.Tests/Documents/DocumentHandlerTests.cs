using System.Net;
using FilePipeline.FileRecords;
using FilePipeline.Processor.Documents;
using FilePipeline.Processor.Handling;
using FilePipeline.Processor.Scanning;
using FilePipeline.Processor.Validation;
using FilePipeline.Tests.Emulator;
using FilePipeline.Tests.Processor;
using Microsoft.Extensions.Logging.Abstractions;

namespace FilePipeline.Tests.Documents;

/// <summary>Documents and images through the handler: uploaded to the emulator, read back from the record table.</summary>
public sealed class DocumentHandlerTests(MotoFixture moto)
{
    [Fact]
    public async Task Pdf_record_has_pages_words_preview_and_properties()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var aws = await ProcessorResources.CreateAsync(moto, ct);
        await aws.PutAsync("reports/q1.pdf", DocumentSamples.Pdf(["Hello PDF world", "Second page has five words"]), "application/pdf", cancellationToken: ct);

        await Handler(aws).HandleAsync(Message(aws.Bucket, "reports/q1.pdf"), ct);

        var record = (await aws.Store.GetAsync(aws.Bucket, "reports/q1.pdf", ct))!;
        Assert.Equal((RecordStatus.Processed, MediaTypes.Pdf, 2, 8L), (record.Status, record.DetectedType, record.PageCount, record.WordCount));
        Assert.Equal(("Quarterly report", "Ada Lovelace"), (record.Title, record.Author));
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 20, 30, TimeSpan.Zero), record.DocumentCreated);
        Assert.Equal("Hello PDF world\nSecond page has five words", record.Preview);
        Assert.Null(record.LineCount);
        Assert.Null(record.ExtractionNote);
    }

    [Fact]
    public async Task Office_records_have_their_sheets_slides_and_macro_flag()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var aws = await ProcessorResources.CreateAsync(moto, ct);
        await aws.PutAsync("budget.xlsm", DocumentSamples.Xlsx(["Budget", "Q1 2026"], DocumentFormat.OpenXml.SpreadsheetDocumentType.MacroEnabledWorkbook), cancellationToken: ct);
        await aws.PutAsync("launch.pptx", DocumentSamples.Pptx(slides: 3), cancellationToken: ct);
        var handler = Handler(aws);

        await handler.HandleAsync(Message(aws.Bucket, "budget.xlsm"), ct);
        await handler.HandleAsync(Message(aws.Bucket, "launch.pptx"), ct);

        var workbook = (await aws.Store.GetAsync(aws.Bucket, "budget.xlsm", ct))!;
        Assert.Equal((RecordStatus.Processed, MediaTypes.Xlsm, 2, true), (workbook.Status, workbook.DetectedType, workbook.SheetCount, workbook.HasMacros));
        Assert.Equal(["Budget", "Q1 2026"], workbook.SheetNames!);
        var slides = (await aws.Store.GetAsync(aws.Bucket, "launch.pptx", ct))!;
        Assert.Equal((RecordStatus.Processed, MediaTypes.Pptx, 3, false), (slides.Status, slides.DetectedType, slides.SlideCount, slides.HasMacros));
    }

    [Fact]
    public async Task Photo_record_has_camera_and_gps_presence_but_no_coordinates()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var aws = await ProcessorResources.CreateAsync(moto, ct);
        await aws.PutAsync("photos/p.jpg", ImageSamples.Jpeg(4032, 3024, ImageSamples.Camera), "image/jpeg", cancellationToken: ct);

        await Handler(aws).HandleAsync(Message(aws.Bucket, "photos%2Fp.jpg"), ct);

        var item = (await aws.Dynamo.GetItemAsync(aws.Table, new() { ["Bucket"] = new(aws.Bucket), ["Key"] = new("photos/p.jpg") }, ct)).Item;
        var record = FileRecordItem.FromItem(item);
        Assert.Equal((RecordStatus.Processed, 4032, 3024, 6), (record.Status, record.ImageWidth, record.ImageHeight, record.Orientation));
        Assert.Equal(("FilePipeline Optics", "Model 16", "2024-05-01T10:20:30+02:00", true), (record.CameraMake, record.CameraModel, record.TakenAt, record.HasGps));
        // Whether there is a position is kept; the position is not (no attribute but HasGps is about it).
        Assert.Equal(["HasGps"], item.Keys.Where(name => name.Contains("gps", StringComparison.OrdinalIgnoreCase)
            || name.Contains("latitude", StringComparison.OrdinalIgnoreCase) || name.Contains("longitude", StringComparison.OrdinalIgnoreCase)));
    }

    [Theory]
    [InlineData("bomb.docx")]
    [InlineData("cyclic.pdf")]
    [InlineData("flate-bomb.pdf")]
    [InlineData("encrypted.pdf")]
    [InlineData("truncated.jpg")]
    public async Task Hostile_file_is_processed_with_a_note_and_no_retry(string key)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var aws = await ProcessorResources.CreateAsync(moto, ct);
        var content = key switch
        {
            "bomb.docx" => DocumentSamples.ZipBombDocx(32 * 1024 * 1024),
            "cyclic.pdf" => DocumentSamples.CyclicXrefPdf(),
            "flate-bomb.pdf" => DocumentSamples.FlateBombPdf(32 * 1024 * 1024),
            "encrypted.pdf" => DocumentSamples.EncryptedPdf(),
            _ => ImageSamples.Jpeg(640, 480, ImageSamples.Camera)[..60],
        };
        await aws.PutAsync(key, content, cancellationToken: ct);
        var handler = new ObjectEventHandler(
            aws.S3, aws.Store, ValidationPolicy.From(new()), NullLogger<ObjectEventHandler>.Instance, TimeProvider.System,
            documentLimits: new DocumentLimits(1024 * 1024, TimeSpan.FromMinutes(2)));

        // Returning (not throwing) is what keeps the message from being retried.
        await handler.HandleAsync(Message(aws.Bucket, key), ct);

        var record = (await aws.Store.GetAsync(aws.Bucket, key, ct))!;
        Assert.Equal(RecordStatus.Processed, record.Status);
        Assert.NotNull(record.Sha256);
        if (key != "cyclic.pdf")
        {
            Assert.False(string.IsNullOrEmpty(record.ExtractionNote), $"{key}: no note");
        }
        else
        {
            Assert.Equal(1, record.PageCount);
        }
    }

    /// <summary>The handler with the default size limit and a time limit a loaded machine cannot miss.</summary>
    private static ObjectEventHandler Handler(ProcessorResources aws) => new(
        aws.S3, aws.Store, ValidationPolicy.From(new()), NullLogger<ObjectEventHandler>.Instance, TimeProvider.System,
        documentLimits: new DocumentLimits(DocumentLimits.Default.MaxBytes, TimeSpan.FromMinutes(2)));

    private static QueueMessage Message(string bucket, string encodedKey) =>
        new("m-1", S3Events.Notification(bucket, encodedKey), 1, null, "q");
}
