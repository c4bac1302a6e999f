using System.Security.Cryptography;
using System.Text;
using FilePipeline.Processor.Scanning;

namespace FilePipeline.Tests.Processor;

public sealed class ContentScannerTests
{
    public static TheoryData<string, byte[], string> Formats => new()
    {
        { "pdf", Samples.Pdf, MediaTypes.Pdf },
        { "png", Samples.Png(1, 1), MediaTypes.Png },
        { "jpeg", Samples.Jpeg(1, 1), MediaTypes.Jpeg },
        { "gif", Samples.Gif(1, 1), MediaTypes.Gif },
        { "webp", Samples.WebP, MediaTypes.WebP },
        { "zip", Samples.Zip("a.txt", "b/c.txt"), MediaTypes.Zip },
        { "docx", Samples.Zip("[Content_Types].xml", "_rels/.rels", "word/document.xml"), MediaTypes.Docx },
        { "xlsx", Samples.Zip("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml"), MediaTypes.Xlsx },
        { "pptx", Samples.Zip("[Content_Types].xml", "ppt/presentation.xml"), MediaTypes.Pptx },
        { "gzip", Samples.Gzip("hello hello hello"), MediaTypes.Gzip },
        { "elf", Samples.Elf, MediaTypes.Elf },
        { "pe", Samples.PortableExecutable, MediaTypes.PortableExecutable },
        { "json", Encoding.UTF8.GetBytes("  {\"a\": [1, 2, {\"b\": null}], \"c\": \"é\"}\n"), MediaTypes.Json },
        { "csv", Encoding.UTF8.GetBytes("name,size,\"note, quoted\"\na,1,x\nb,2,y\n"), MediaTypes.Csv },
        { "text", Encoding.UTF8.GetBytes("Just some words, nothing more.\n"), MediaTypes.Text },
        { "brace text", Encoding.UTF8.GetBytes("{ this is not json }"), MediaTypes.Text },
        { "empty", [], MediaTypes.Empty },
        { "binary", [0x00, 0x01, 0x02, 0x03, 0xFE, 0x10, 0x00, 0x07], MediaTypes.Binary },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Detects_type_by_content(string name, byte[] content, string expected)
    {
        var result = await ScanAsync(content);

        Assert.True(expected == result.DetectedType, $"{name}: expected {expected}, got {result.DetectedType}");
        Assert.Equal(content.Length, result.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), result.Sha256);
    }

    [Theory]
    [InlineData("png", 640, 480)]
    [InlineData("jpeg", 1920, 1080)]
    [InlineData("gif", 320, 200)]
    public async Task Reads_image_dimensions(string format, int width, int height)
    {
        var content = format switch
        {
            "png" => Samples.Png(width, height),
            "jpeg" => Samples.Jpeg(width, height),
            _ => Samples.Gif(width, height),
        };

        var result = await ScanAsync(content);

        Assert.Equal((width, height), (result.ImageWidth, result.ImageHeight));
    }

    [Fact]
    public async Task Text_gets_words_lines_and_a_preview()
    {
        var result = await ScanAsync(Encoding.UTF8.GetBytes("hello  world\r\nsecond line\n\nlast one without break"));

        Assert.Equal((MediaTypes.Text, "utf-8", 8L, 4L), (result.DetectedType, result.TextEncoding, result.WordCount!.Value, result.LineCount!.Value));
        Assert.Equal("hello  world\r\nsecond line\n\nlast one without break", result.Preview);
    }

    [Fact]
    public async Task Preview_stops_at_500_characters_without_splitting_a_surrogate_pair()
    {
        var text = new string('a', 499) + "😀" + new string('b', 100);

        var result = await ScanAsync(Encoding.UTF8.GetBytes(text));

        Assert.Equal(new string('a', 499), result.Preview);
        Assert.Equal(1L, result.WordCount);
    }

    [Theory]
    [InlineData("utf-16le", true)]
    [InlineData("utf-16be", true)]
    [InlineData("utf-16le", false)]
    public async Task Detects_utf16_with_or_without_byte_order_mark(string name, bool bom)
    {
        var encoding = new UnicodeEncoding(bigEndian: name == "utf-16be", byteOrderMark: bom);
        var content = encoding.GetPreamble().Concat(encoding.GetBytes("two lines\nof text")).ToArray();

        var result = await ScanAsync(content);

        Assert.Equal((MediaTypes.Text, name, 4L, 2L, "two lines\nof text"), (result.DetectedType, result.TextEncoding, result.WordCount!.Value, result.LineCount!.Value, result.Preview));
    }

    [Fact]
    public async Task Utf8_byte_order_mark_is_not_part_of_the_preview()
    {
        var result = await ScanAsync([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("{\"a\":1}")]);

        Assert.Equal((MediaTypes.Json, "utf-8", "{\"a\":1}"), (result.DetectedType, result.TextEncoding, result.Preview));
    }

    [Fact]
    public async Task Text_that_is_not_utf8_is_read_as_latin1()
    {
        var result = await ScanAsync(Encoding.Latin1.GetBytes("café crème brûlée"));

        Assert.Equal(("iso-8859-1", "café crème brûlée", 3L), (result.TextEncoding, result.Preview, result.WordCount!.Value));
    }

    [Fact]
    public async Task Large_text_is_streamed_with_exact_hash_and_counts_across_chunk_boundaries()
    {
        // 8 MiB of multi-byte text read in odd-sized pieces, so characters straddle every buffer boundary.
        var line = "zwölf Äpfel und 文字 und 😀 emoji\n";
        var repeat = 8 * 1024 * 1024 / Encoding.UTF8.GetByteCount(line);
        var content = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(line, repeat)));

        var result = await ContentScanner.ScanAsync(new TrickleStream(new MemoryStream(content), 7_777), TestContext.Current.CancellationToken);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), result.Sha256);
        Assert.Equal(content.Length, result.Size);
        Assert.Equal((MediaTypes.Text, "utf-8"), (result.DetectedType, result.TextEncoding));
        Assert.Equal((7L * repeat, (long)repeat), (result.WordCount!.Value, result.LineCount!.Value));
        Assert.StartsWith(line, result.Preview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Large_json_and_csv_are_recognised_from_their_head()
    {
        var json = "[" + string.Join(',', Enumerable.Range(0, 50_000).Select(i => $"{{\"id\":{i}}}")) + "]";
        var csv = "id,name\n" + string.Concat(Enumerable.Range(0, 50_000).Select(i => $"{i},name{i}\n"));

        Assert.Equal(MediaTypes.Json, (await ScanAsync(Encoding.UTF8.GetBytes(json))).DetectedType);
        Assert.Equal(MediaTypes.Csv, (await ScanAsync(Encoding.UTF8.GetBytes(csv))).DetectedType);
    }

    [Fact]
    public async Task Content_of_exactly_the_head_length_is_handled_as_whole()
    {
        var content = Encoding.ASCII.GetBytes(new string('x', ContentScanner.HeadLength));

        var result = await ScanAsync(content);

        Assert.Equal((ContentScanner.HeadLength, 1L, 1L), (result.Size, result.WordCount!.Value, result.LineCount!.Value));
    }

    private static Task<ScanResult> ScanAsync(byte[] content) =>
        ContentScanner.ScanAsync(new TrickleStream(new MemoryStream(content), 4_096), TestContext.Current.CancellationToken);
}
