namespace FilePipeline.Processor.Scanning;

/// <summary>The media types the sniffer reports.</summary>
public static class MediaTypes
{
    public const string Pdf = "application/pdf";
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string Gif = "image/gif";
    public const string WebP = "image/webp";
    public const string Zip = "application/zip";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Pptx = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    public const string Gzip = "application/gzip";
    public const string Elf = "application/x-elf";
    public const string PortableExecutable = "application/vnd.microsoft.portable-executable";
    public const string Json = "application/json";
    public const string Csv = "text/csv";
    public const string Text = "text/plain";
    public const string Empty = "application/x-empty";
    public const string Binary = "application/octet-stream";

    public static bool IsText(string type) => type is Text or Json or Csv;

    public static bool IsExecutable(string type) => type is Elf or PortableExecutable;

    public static bool IsZipContainer(string type) => type is Zip or Docx or Xlsx or Pptx;
}
