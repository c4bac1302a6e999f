using System.Text;
using Amazon.S3.Model;
using FilePipeline.FileRecords;
using FilePipeline.Processor.Scanning;
using FilePipeline.Tests.Emulator;
using FilePipeline.Tests.Reliability;

namespace FilePipeline.Tests.Documents;

/// <summary>
/// Documents and images end to end: uploaded to the emulator, notified to the queue, handled by the real worker
/// process (with a 1 MiB parse limit), recorded. Valid files get their properties; hostile ones are PROCESSED with a
/// note, none fails, none is retried into the dead-letter queue.
/// </summary>
[Collection(nameof(PipelineUnderLoad))]
public sealed class DocumentPipelineTests(MotoFixture moto)
{
    [Fact]
    public async Task Documents_and_images_become_records_with_their_properties_and_hostile_ones_with_notes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = await PipelineStack.CreateAsync(moto, maxReceiveCount: 2, visibilityTimeoutSeconds: 30, ct);
        using var worker = await PipelineWorker.StartAsync(moto, stack, moto.Url, new Dictionary<string, string>
        {
            ["Processor__MaxDocumentBytes"] = (1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
            // The first parses in a fresh JIT process take seconds on a loaded machine: not what this test is about.
            ["Processor__DocumentTimeoutMilliseconds"] = "120000",
        }, ct);
        var files = new Dictionary<string, (byte[] Content, string ContentType)>
        {
            ["docs/report.pdf"] = (DocumentSamples.Pdf(["Hello PDF world", "Second page has five words"]), "application/pdf"),
            ["docs/notes.docx"] = (DocumentSamples.Docx(["Design notes for the pipeline."], pages: 2), MediaTypes.Docx),
            ["docs/budget.xlsx"] = (DocumentSamples.Xlsx(["Budget", "Q1 2026"]), MediaTypes.Xlsx),
            ["photos/camera.jpg"] = (ImageSamples.Jpeg(4032, 3024, ImageSamples.Camera), "image/jpeg"),
            ["photos/scan.heic"] = (ImageSamples.Heic(3024, 4032), "image/heic"),
            ["hostile/bomb.docx"] = (DocumentSamples.ZipBombDocx(32 * 1024 * 1024), MediaTypes.Docx),
            ["hostile/cyclic.pdf"] = (DocumentSamples.CyclicXrefPdf(), "application/pdf"),
            ["hostile/truncated.jpg"] = (ImageSamples.Jpeg(640, 480, ImageSamples.Camera)[..60], "image/jpeg"),
            ["hostile/large.pdf"] = (Padded(DocumentSamples.Pdf(["big"]), 2 * 1024 * 1024), "application/pdf"),
        };
        foreach (var (key, (content, contentType)) in files)
        {
            await stack.S3.PutObjectAsync(new PutObjectRequest { BucketName = stack.Bucket, Key = key, InputStream = new MemoryStream(content), ContentType = contentType }, ct);
        }

        await PipelineWorker.WaitForRecordsAsync(stack, files.Count, TimeSpan.FromSeconds(240), ct);

        var records = (await stack.RecordsAsync(ct)).ToDictionary(record => record.Key, StringComparer.Ordinal);
        Assert.Empty(await stack.DrainDeadLettersAsync(ct));
        Assert.All(records.Values, record => Assert.True(record.Status == RecordStatus.Processed, $"{record.Key}: {record.Status} {record.Reason}"));
        Assert.Equal((2, 8L, "Quarterly report"), (records["docs/report.pdf"].PageCount, records["docs/report.pdf"].WordCount, records["docs/report.pdf"].Title));
        Assert.Equal((2, 5L, "Grace Hopper"), (records["docs/notes.docx"].PageCount, records["docs/notes.docx"].WordCount, records["docs/notes.docx"].Author));
        Assert.Equal(["Budget", "Q1 2026"], records["docs/budget.xlsx"].SheetNames!);
        var photo = records["photos/camera.jpg"];
        Assert.Equal((4032, 3024, "Model 16", true), (photo.ImageWidth, photo.ImageHeight, photo.CameraModel, photo.HasGps));
        Assert.Equal((MediaTypes.Heic, 3024, 4032), (records["photos/scan.heic"].DetectedType, records["photos/scan.heic"].ImageWidth, records["photos/scan.heic"].ImageHeight));
        Assert.Contains("possible zip bomb", records["hostile/bomb.docx"].ExtractionNote, StringComparison.Ordinal);
        Assert.Equal(1, records["hostile/cyclic.pdf"].PageCount);
        Assert.StartsWith("image ", records["hostile/truncated.jpg"].ExtractionNote, StringComparison.Ordinal);
        Assert.Contains("over the 1,048,576-byte parse limit", records["hostile/large.pdf"].ExtractionNote, StringComparison.Ordinal);
        Assert.All(records.Values, record => Assert.Equal(1, record.Attempts));
    }

    /// <summary>The PDF followed by comment lines up to <paramref name="size"/> bytes: still a PDF, now a large one.</summary>
    private static byte[] Padded(byte[] pdf, int size)
    {
        var padding = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("%padding\n", (size - pdf.Length) / 9 + 1)));
        return [.. pdf, .. padding];
    }
}
