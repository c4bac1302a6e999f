namespace FilePipeline.Processor.Scanning;

/// <summary>The media types the sniffer reports.</summary>
public static class MediaTypes
{
    public const string Pdf = "application/pdf";
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string Gif = "image/gif";
    public const string WebP = "image/webp";
    public const string Tiff = "image/tiff";
    public const string Bmp = "image/bmp";
    public const string Heic = "image/heic";
    public const string Zip = "application/zip";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Pptx = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    public const string Docm = "application/vnd.ms-word.document.macroEnabled.12";
    public const string Xlsm = "application/vnd.ms-excel.sheet.macroEnabled.12";
    public const string Pptm = "application/vnd.ms-powerpoint.presentation.macroEnabled.12";
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

    public static bool IsZipContainer(string type) => type is Zip || IsOffice(type);

    /// <summary>Office Open XML documents, plain and macro-enabled.</summary>
    public static bool IsOffice(string type) => type is Docx or Xlsx or Pptx or Docm or Xlsm or Pptm;

    public static bool IsMacroEnabled(string type) => type is Docm or Xlsm or Pptm;

    /// <summary>Images whose properties are read (dimensions, EXIF).</summary>
    public static bool IsImage(string type) => type is Png or Jpeg or Gif or WebP or Tiff or Bmp or Heic;

    /// <summary>Types parsed after the streaming pass (documents and images), within the document limits.</summary>
    public static bool IsParsed(string type) => type is Pdf || IsOffice(type) || IsImage(type);
}
