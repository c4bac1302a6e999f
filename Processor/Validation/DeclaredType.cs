using FilePipeline.Processor.Scanning;

namespace FilePipeline.Processor.Validation;

/// <summary>
/// Whether what an uploader declared (Content-Type, file extension) contradicts what the content is.
/// A declaration names a type only when it is one the sniffer can recognise; generic declarations
/// (<c>application/octet-stream</c>, no extension) contradict nothing. Executables must be declared as such.
/// </summary>
public static class DeclaredType
{
    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = MediaTypes.Pdf,
        [".png"] = MediaTypes.Png,
        [".jpg"] = MediaTypes.Jpeg,
        [".jpeg"] = MediaTypes.Jpeg,
        [".gif"] = MediaTypes.Gif,
        [".webp"] = MediaTypes.WebP,
        [".zip"] = MediaTypes.Zip,
        [".docx"] = MediaTypes.Docx,
        [".xlsx"] = MediaTypes.Xlsx,
        [".pptx"] = MediaTypes.Pptx,
        [".gz"] = MediaTypes.Gzip,
        [".tgz"] = MediaTypes.Gzip,
        [".exe"] = MediaTypes.PortableExecutable,
        [".dll"] = MediaTypes.PortableExecutable,
        [".json"] = MediaTypes.Json,
        [".csv"] = MediaTypes.Csv,
        [".txt"] = MediaTypes.Text,
    };

    private static readonly HashSet<string> Sniffable =
    [
        MediaTypes.Pdf, MediaTypes.Png, MediaTypes.Jpeg, MediaTypes.Gif, MediaTypes.WebP, MediaTypes.Zip,
        MediaTypes.Docx, MediaTypes.Xlsx, MediaTypes.Pptx, MediaTypes.Gzip, MediaTypes.Elf, MediaTypes.PortableExecutable,
    ];

    private static readonly HashSet<string> ExecutableDeclarations = new(StringComparer.OrdinalIgnoreCase)
    {
        MediaTypes.Elf, MediaTypes.PortableExecutable, "application/x-msdownload", "application/x-executable",
        "application/x-sharedlib", "application/x-dosexec", "application/vnd.microsoft.portable-executable",
    };

    /// <summary>A reason when the declaration contradicts <paramref name="detectedType"/>, else null.</summary>
    public static string? Contradiction(string key, string? contentType, string detectedType)
    {
        var declaredByHeader = Normalize(contentType);
        var declaredByExtension = ByExtension.GetValueOrDefault(Path.GetExtension(key));
        foreach (var (declared, how) in new[] { (declaredByHeader, "Content-Type"), (declaredByExtension, "extension") })
        {
            if (declared is null)
            {
                continue;
            }

            if (MediaTypes.IsExecutable(detectedType) && !ExecutableDeclarations.Contains(declared))
            {
                return $"content is an executable ({detectedType}) but its {how} declares {declared}";
            }

            if (Sniffable.Contains(declared) && !Compatible(declared, detectedType))
            {
                return $"{how} declares {declared} but the content is {detectedType}";
            }
        }

        return null;
    }

    private static bool Compatible(string declared, string detected) =>
        declared == detected
        || (MediaTypes.IsZipContainer(declared) && MediaTypes.IsZipContainer(detected));

    private static string? Normalize(string? contentType)
    {
        var type = contentType?.Split(';', 2)[0].Trim().ToLowerInvariant();
        return type switch
        {
            null or "" or "application/octet-stream" or "binary/octet-stream" => null,
            "image/jpg" or "image/pjpeg" => MediaTypes.Jpeg,
            "application/x-gzip" => MediaTypes.Gzip,
            "application/x-zip-compressed" => MediaTypes.Zip,
            _ => type,
        };
    }
}
