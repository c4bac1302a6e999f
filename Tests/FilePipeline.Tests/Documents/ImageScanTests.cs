using FilePipeline.Processor.Documents;
using FilePipeline.Processor.Scanning;
using FilePipeline.Tests.Processor;

namespace FilePipeline.Tests.Documents;

/// <summary>Images of every supported format through the streaming pass and MetadataExtractor.</summary>
public sealed class ImageScanTests
{
    public static TheoryData<string, byte[], string> Formats => new()
    {
        { "jpeg", ImageSamples.Jpeg(1920, 1080), MediaTypes.Jpeg },
        { "png", ImageSamples.Png(1920, 1080), MediaTypes.Png },
        { "gif", ImageSamples.Gif(1920, 1080), MediaTypes.Gif },
        { "webp", ImageSamples.WebP(1920, 1080), MediaTypes.WebP },
        { "tiff", ImageSamples.Tiff(null, (1920, 1080)), MediaTypes.Tiff },
        { "bmp", ImageSamples.Bmp(1920, 1080), MediaTypes.Bmp },
        { "heic", ImageSamples.Heic(1920, 1080), MediaTypes.Heic },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Every_format_gets_its_dimensions(string name, byte[] content, string type)
    {
        var result = await ScanAsync(content);

        Assert.True((type, 1920, 1080) == (result.DetectedType, result.ImageWidth, result.ImageHeight),
            $"{name}: {result.DetectedType} {result.ImageWidth}x{result.ImageHeight}, note: {result.Note}");
        Assert.Null(result.Note);
        Assert.Equal(false, result.Image?.HasGps);
    }

    [Theory]
    [InlineData("jpeg")]
    [InlineData("tiff")]
    public async Task Exif_gives_camera_taken_at_orientation_and_only_whether_there_is_a_position(string format)
    {
        var content = format == "jpeg" ? ImageSamples.Jpeg(4032, 3024, ImageSamples.Camera) : ImageSamples.Tiff(ImageSamples.Camera, (4032, 3024));

        var result = await ScanAsync(content);

        var image = result.Image!;
        Assert.Equal((4032, 3024), (result.ImageWidth, result.ImageHeight));
        Assert.Equal(("FilePipeline Optics", "Model 16", 6, true), (image.CameraMake, image.CameraModel, image.Orientation, image.HasGps));
        Assert.Equal("2024-05-01T10:20:30+02:00", image.TakenAt);
        Assert.Null(result.Note);
    }

    [Fact]
    public async Task Taken_at_without_an_offset_stays_local_time()
    {
        var result = await ScanAsync(ImageSamples.Jpeg(10, 10, ImageSamples.Camera with { Offset = null, Gps = false }));

        Assert.Equal(("2024-05-01T10:20:30", false), (result.Image!.TakenAt, result.Image.HasGps));
    }

    [Fact]
    public async Task Truncated_jpeg_is_processed_with_a_note()
    {
        var jpeg = ImageSamples.Jpeg(640, 480, ImageSamples.Camera);

        // Cut inside the EXIF segment: no frame header is left, and the segment ends early.
        var result = await ScanAsync(jpeg[..60]);

        Assert.Equal(MediaTypes.Jpeg, result.DetectedType);
        Assert.Null(result.ImageWidth);
        Assert.StartsWith("image ", result.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Image_over_the_parse_limit_keeps_the_dimensions_from_its_head()
    {
        var png = ImageSamples.Png(800, 600);

        var result = await ScanAsync(png, new DocumentLimits(16, TimeSpan.FromMinutes(2)));

        Assert.Equal((800, 600), (result.ImageWidth, result.ImageHeight));
        Assert.Null(result.Image);
        Assert.Contains("image not parsed", result.Note, StringComparison.Ordinal);
    }

    private static Task<ScanResult> ScanAsync(byte[] content, DocumentLimits? limits = null) =>
        ContentScanner.ScanAsync(new TrickleStream(new MemoryStream(content), 4_096), null, limits ?? new DocumentLimits(DocumentLimits.Default.MaxBytes, TimeSpan.FromMinutes(2)), TestContext.Current.CancellationToken);
}
