using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.ExtendedProperties;
using DocumentFormat.OpenXml.Packaging;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;
using Presentation = DocumentFormat.OpenXml.Presentation;
using Spreadsheet = DocumentFormat.OpenXml.Spreadsheet;
using Wordprocessing = DocumentFormat.OpenXml.Wordprocessing;

namespace FilePipeline.Tests.Documents;

/// <summary>Real PDF and Office files, valid and hostile, made in the test with PdfPig's builder and the Open XML SDK.</summary>
internal static class DocumentSamples
{
    /// <summary>A PDF with one line of text per page, a title, an author and a creation date.</summary>
    public static byte[] Pdf(IReadOnlyList<string> pages, string? title = "Quarterly report", string? author = "Ada Lovelace")
    {
        using var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = title;
        builder.DocumentInformation.Author = author;
        builder.DocumentInformation.CreationDate = "D:20240501102030Z";
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var text in pages)
        {
            var page = builder.AddPage(PageSize.A4);
            page.AddText(text, 12, new PdfPoint(40, 700), font);
        }

        return builder.Build();
    }

    /// <summary>
    /// A PDF whose trailer names a Standard security handler (RC4, revision 2) whose user password is not empty:
    /// no reader can open it without the password.
    /// </summary>
    public static byte[] EncryptedPdf()
    {
        var random = new Random(16);
        var owner = Hex(random, 32);
        var user = Hex(random, 32);
        return HandWrittenPdf(
            [
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
                $"<< /Filter /Standard /V 1 /R 2 /O <{owner}> /U <{user}> /P -44 >>",
            ],
            "/Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]",
            previousIsSelf: false);
    }

    /// <summary>A PDF whose cross-reference table names itself as the previous one (<c>/Prev</c>): a cycle.</summary>
    public static byte[] CyclicXrefPdf() =>
        HandWrittenPdf(
            [
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
            ],
            "",
            previousIsSelf: true);

    /// <summary>A one-page PDF whose content stream is <paramref name="inflatedBytes"/> of spaces deflated to a few KiB.</summary>
    public static byte[] FlateBombPdf(int inflatedBytes)
    {
        var deflated = new MemoryStream();
        deflated.Write([0x78, 0x9C]); // zlib header, which PdfPig skips
        using (var deflate = new DeflateStream(deflated, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var spaces = new byte[1024 * 1024];
            spaces.AsSpan().Fill((byte)' ');
            for (var written = 0; written < inflatedBytes; written += spaces.Length)
            {
                deflate.Write(spaces, 0, Math.Min(spaces.Length, inflatedBytes - written));
            }
        }

        var stream = Encoding.Latin1.GetString(deflated.ToArray());
        return HandWrittenPdf(
            [
                "<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
                $"<< /Length {deflated.Length} /Filter /FlateDecode >>\nstream\n{stream}\nendstream",
            ],
            "",
            previousIsSelf: false);
    }

    /// <summary>A Word document: one paragraph per entry, core properties, and the page count its properties record.</summary>
    public static byte[] Docx(IReadOnlyList<string> paragraphs, int pages = 3, WordprocessingDocumentType type = WordprocessingDocumentType.Document)
    {
        var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, type))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Wordprocessing.Document(new Wordprocessing.Body(
                paragraphs.Select(text => new Wordprocessing.Paragraph(
                    // Split each paragraph over two runs mid-word: a word is counted once however the runs cut it.
                    new Wordprocessing.Run(new Wordprocessing.Text(text[..(text.Length / 2)]) { Space = SpaceProcessingModeValues.Preserve }),
                    new Wordprocessing.Run(new Wordprocessing.Text(text[(text.Length / 2)..]) { Space = SpaceProcessingModeValues.Preserve })))));
            var extended = document.AddExtendedFilePropertiesPart();
            extended.Properties = new Properties(new Pages(pages.ToString(CultureInfo.InvariantCulture)));
            document.PackageProperties.Title = "Design notes";
            document.PackageProperties.Creator = "Grace Hopper";
            document.PackageProperties.Created = new DateTime(2025, 3, 4, 5, 6, 7, DateTimeKind.Utc);
        }

        return stream.ToArray();
    }

    public static byte[] Xlsx(IReadOnlyList<string> sheets, SpreadsheetDocumentType type = SpreadsheetDocumentType.Workbook)
    {
        var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, type))
        {
            var workbook = document.AddWorkbookPart();
            var sheetList = new Spreadsheet.Sheets();
            uint id = 1;
            foreach (var name in sheets)
            {
                var worksheet = workbook.AddNewPart<WorksheetPart>();
                worksheet.Worksheet = new Spreadsheet.Worksheet(new Spreadsheet.SheetData());
                sheetList.Append(new Spreadsheet.Sheet { Id = workbook.GetIdOfPart(worksheet), SheetId = id++, Name = name });
            }

            workbook.Workbook = new Spreadsheet.Workbook(sheetList);
            document.PackageProperties.Title = "Budget 2026";
            document.PackageProperties.Creator = "Finance";
        }

        return stream.ToArray();
    }

    public static byte[] Pptx(int slides)
    {
        var stream = new MemoryStream();
        using (var document = PresentationDocument.Create(stream, PresentationDocumentType.Presentation))
        {
            var presentation = document.AddPresentationPart();
            var ids = new Presentation.SlideIdList();
            for (var i = 0; i < slides; i++)
            {
                var slide = presentation.AddNewPart<SlidePart>();
                slide.Slide = new Presentation.Slide(new Presentation.CommonSlideData(new Presentation.ShapeTree()));
                ids.Append(new Presentation.SlideId { Id = (uint)(256 + i), RelationshipId = presentation.GetIdOfPart(slide) });
            }

            presentation.Presentation = new Presentation.Presentation(ids);
            document.PackageProperties.Title = "Launch";
        }

        return stream.ToArray();
    }

    /// <summary>
    /// A Word document whose body is <paramref name="inflatedBytes"/> of paragraphs that deflate to a tiny fraction:
    /// a zip bomb with an honest directory.
    /// </summary>
    public static byte[] ZipBombDocx(int inflatedBytes)
    {
        var stream = new MemoryStream();
        stream.Write(Docx(["placeholder"]));
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            zip.GetEntry("word/document.xml")!.Delete();
            using var part = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            part.Write("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"u8);
            var paragraphs = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("<w:p><w:r><w:t>bomb</w:t></w:r></w:p>", 32 * 1024)));
            for (long written = 0; written < inflatedBytes; written += paragraphs.Length)
            {
                part.Write(paragraphs);
            }

            part.Write("</w:body></w:document>"u8);
        }

        return stream.ToArray();
    }

    /// <summary>
    /// <see cref="ZipBombDocx"/> whose zip directory lies: the body part claims to inflate to 1,000 bytes.
    /// </summary>
    public static byte[] LyingZipBombDocx(int inflatedBytes)
    {
        var bytes = ZipBombDocx(inflatedBytes);
        var name = "word/document.xml"u8;
        for (var at = 0; at + 46 < bytes.Length; at++)
        {
            var local = bytes.AsSpan(at).StartsWith("PK\u0003\u0004"u8) && bytes.AsSpan(at + 30).StartsWith(name);
            var central = bytes.AsSpan(at).StartsWith("PK\u0001\u0002"u8) && bytes.AsSpan(at + 46).StartsWith(name);
            if (local)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + 22), 1_000u);
            }
            else if (central)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + 24), 1_000u);
            }
        }

        return bytes;
    }

    /// <summary>
    /// Writes a classic PDF (header, objects 1..n, cross-reference table, trailer) with exact offsets; with
    /// <paramref name="previousIsSelf"/> the trailer's <c>/Prev</c> points at its own table.
    /// </summary>
    private static byte[] HandWrittenPdf(IReadOnlyList<string> objects, string trailerExtra, bool previousIsSelf)
    {
        var pdf = new StringBuilder("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(Encoding.Latin1.GetByteCount(pdf.ToString()));
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = Encoding.Latin1.GetByteCount(pdf.ToString());
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        var previous = previousIsSelf ? $" /Prev {xref}" : "";
        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R{previous} {trailerExtra} >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.Latin1.GetBytes(pdf.ToString());
    }

    private static string Hex(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return Convert.ToHexString(bytes);
    }
}
