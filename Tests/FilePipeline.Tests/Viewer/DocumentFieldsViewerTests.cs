using System.Net;
using System.Text.Json;
using FilePipeline.FileRecords;

namespace FilePipeline.Tests.Viewer;

/// <summary>Document and image fields in the real viewer: the list's details, the detected-type filter, the record page.</summary>
public sealed class DocumentFieldsViewerTests(ViewerStack stack) : IClassFixture<ViewerStack>, IDisposable
{
    private const string Pdf = "application/pdf";
    private const string Xlsm = "application/vnd.ms-excel.sheet.macroEnabled.12";

    private readonly HttpClient _http = new() { BaseAddress = stack.Url, Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Type_filter_narrows_the_list_and_rows_sum_up_what_was_read()
    {
        var ct = TestContext.Current.CancellationToken;
        var prefix = $"docs-{Guid.NewGuid():N}/";
        var now = DateTimeOffset.UtcNow.AddMinutes(-1);
        await stack.PutRecordAsync(PdfRecord(prefix + "report.pdf", now), ct);
        await stack.PutRecordAsync(WorkbookRecord(prefix + "budget.xlsm", now.AddSeconds(1)), ct);
        await stack.PutRecordAsync(PhotoRecord(prefix + "photo.jpg", now.AddSeconds(2)), ct);
        await stack.PutRecordAsync(stack.Record(prefix + "notes.txt", now.AddSeconds(3)), ct);

        var pdfs = await GetJsonAsync($"/api/records?type={Uri.EscapeDataString(Pdf)}&prefix={Uri.EscapeDataString(prefix)}", ct);
        var images = await GetJsonAsync($"/api/records?type=image/&prefix={Uri.EscapeDataString(prefix)}", ct);
        var macros = await GetJsonAsync($"/api/records?type=application/vnd.ms-&prefix={Uri.EscapeDataString(prefix)}", ct);

        var pdf = Assert.Single(pdfs.GetProperty("records").EnumerateArray());
        Assert.Equal((prefix + "report.pdf", "12 pages · 3,400 words"), (pdf.GetProperty("key").GetString(), pdf.GetProperty("details").GetString()));
        var photo = Assert.Single(images.GetProperty("records").EnumerateArray());
        Assert.Equal("4032 × 3024", photo.GetProperty("details").GetString());
        var workbook = Assert.Single(macros.GetProperty("records").EnumerateArray());
        Assert.Equal("3 sheets · macros", workbook.GetProperty("details").GetString());

        var page = await _http.GetStringAsync($"/?type={Uri.EscapeDataString(Pdf)}&prefix={Uri.EscapeDataString(prefix)}", ct);
        Assert.Contains("report.pdf", page, StringComparison.Ordinal);
        Assert.DoesNotContain("budget.xlsm", page, StringComparison.Ordinal);
        Assert.Contains("<datalist id=\"type-choices\">", page, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\">Details</th>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_page_and_api_show_document_photo_fields_and_the_note()
    {
        var ct = TestContext.Current.CancellationToken;
        var prefix = $"detail-{Guid.NewGuid():N}/";
        var now = DateTimeOffset.UtcNow.AddMinutes(-1);
        await stack.PutRecordAsync(WorkbookRecord(prefix + "budget.xlsm", now), ct);
        await stack.PutRecordAsync(PhotoRecord(prefix + "photo.jpg", now), ct);

        var workbook = (await GetJsonAsync("/api/record?key=" + Uri.EscapeDataString(prefix + "budget.xlsm"), ct)).GetProperty("record");
        var workbookPage = WebUtility.HtmlDecode(await _http.GetStringAsync("/record?key=" + Uri.EscapeDataString(prefix + "budget.xlsm"), ct));
        var photoPage = WebUtility.HtmlDecode(await _http.GetStringAsync("/record?key=" + Uri.EscapeDataString(prefix + "photo.jpg"), ct));

        Assert.Equal(["Budget", "Q1 2026", "Ünïcødé"], workbook.GetProperty("sheetNames").EnumerateArray().Select(name => name.GetString()));
        Assert.True(workbook.GetProperty("hasMacros").GetBoolean());
        Assert.Contains("Sheets</dt><dd>3: Budget, Q1 2026, Ünïcødé", workbookPage, StringComparison.Ordinal);
        Assert.Contains("Macros</dt><dd>yes", workbookPage, StringComparison.Ordinal);
        Assert.Contains("Not extracted: words and preview not extracted", workbookPage, StringComparison.Ordinal);
        Assert.Contains("Camera</dt><dd>FilePipeline Optics Model 16", photoPage, StringComparison.Ordinal);
        Assert.Contains("Taken at</dt><dd>2024-05-01T10:20:30+02:00", photoPage, StringComparison.Ordinal);
        Assert.Contains("Orientation</dt><dd>6 (rotated 90° clockwise)", photoPage, StringComparison.Ordinal);
        Assert.Contains("GPS position</dt><dd>present (not recorded)", photoPage, StringComparison.Ordinal);
    }

    private FileRecord PdfRecord(string key, DateTimeOffset at) => stack.Record(key, at, type: Pdf) with
    {
        LineCount = null,
        WordCount = 3_400,
        PageCount = 12,
        Title = "Quarterly report",
        Author = "Ada Lovelace",
        DocumentCreated = new DateTimeOffset(2024, 5, 1, 10, 20, 30, TimeSpan.Zero),
    };

    private FileRecord WorkbookRecord(string key, DateTimeOffset at) => stack.Record(key, at, type: Xlsm) with
    {
        LineCount = null,
        WordCount = null,
        Preview = null,
        SheetCount = 3,
        SheetNames = ["Budget", "Q1 2026", "Ünïcødé"],
        HasMacros = true,
        ExtractionNote = "words and preview not extracted: an example note",
    };

    private FileRecord PhotoRecord(string key, DateTimeOffset at) => stack.Record(key, at, type: "image/jpeg") with
    {
        LineCount = null,
        WordCount = null,
        Preview = null,
        ImageWidth = 4032,
        ImageHeight = 3024,
        CameraMake = "FilePipeline Optics",
        CameraModel = "Model 16",
        TakenAt = "2024-05-01T10:20:30+02:00",
        Orientation = 6,
        HasGps = true,
    };

    private async Task<JsonElement> GetJsonAsync(string path, CancellationToken ct)
    {
        using var response = await _http.GetAsync(path, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
