using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace FilePipeline.Processor.Scanning;

/// <summary>Detects binary formats from an object's first bytes, and reads image dimensions from them.</summary>
public static class MagicBytes
{
    /// <summary>The binary media type the head's signature names, or null when it names none.</summary>
    public static string? Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF-"u8))
        {
            return MediaTypes.Pdf;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return MediaTypes.Png;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return MediaTypes.Jpeg;
        }

        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return MediaTypes.Gif;
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return MediaTypes.WebP;
        }

        if (head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8))
        {
            return MediaTypes.Tiff;
        }

        if (IsBitmap(head))
        {
            return MediaTypes.Bmp;
        }

        if (IsHeic(head))
        {
            return MediaTypes.Heic;
        }

        if (head.StartsWith("PK\u0003\u0004"u8) || head.StartsWith("PK\u0005\u0006"u8))
        {
            return ZipFlavour(head);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]))
        {
            return MediaTypes.Gzip;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x7F, (byte)'E', (byte)'L', (byte)'F']))
        {
            return MediaTypes.Elf;
        }

        if (head.StartsWith("MZ"u8) && IsPortableExecutable(head))
        {
            return MediaTypes.PortableExecutable;
        }

        return null;
    }

    /// <summary>Width and height for PNG, GIF and JPEG heads; null when the head does not hold them.</summary>
    public static (int Width, int Height)? Dimensions(string type, ReadOnlySpan<byte> head) => type switch
    {
        MediaTypes.Png when head.Length >= 24 && head[12..16].SequenceEqual("IHDR"u8) =>
            ((int)BinaryPrimitives.ReadUInt32BigEndian(head[16..]), (int)BinaryPrimitives.ReadUInt32BigEndian(head[20..])),
        MediaTypes.Gif when head.Length >= 10 =>
            (BinaryPrimitives.ReadUInt16LittleEndian(head[6..]), BinaryPrimitives.ReadUInt16LittleEndian(head[8..])),
        MediaTypes.Jpeg => JpegDimensions(head),
        _ => null,
    };

    private static (int Width, int Height)? JpegDimensions(ReadOnlySpan<byte> head)
    {
        var at = 2;
        while (at + 4 <= head.Length)
        {
            if (head[at] != 0xFF)
            {
                return null;
            }

            var marker = head[at + 1];
            if (marker == 0xFF)
            {
                at++; // fill byte
                continue;
            }

            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7))
            {
                at += 2; // markers without a length
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(head[(at + 2)..]);
            var isStartOfFrame = marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
            if (isStartOfFrame)
            {
                return at + 9 <= head.Length
                    ? (BinaryPrimitives.ReadUInt16BigEndian(head[(at + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(head[(at + 5)..]))
                    : null;
            }

            if (marker == 0xDA || length < 2)
            {
                return null; // start of scan before any frame header, or a corrupt segment
            }

            at += 2 + length;
        }

        return null;
    }

    private static bool IsPortableExecutable(ReadOnlySpan<byte> head)
    {
        if (head.Length < 0x40)
        {
            return false;
        }

        var offset = BinaryPrimitives.ReadInt32LittleEndian(head[0x3C..]);
        return offset >= 0x40 && offset <= head.Length - 4 && head[offset..(offset + 4)].SequenceEqual("PE\0\0"u8);
    }

    /// <summary>A BMP file header followed by one of the DIB header sizes Windows and OS/2 write.</summary>
    private static bool IsBitmap(ReadOnlySpan<byte> head) =>
        head.Length >= 26 && head.StartsWith("BM"u8)
        && BinaryPrimitives.ReadUInt32LittleEndian(head[14..]) is 12 or 16 or 40 or 52 or 56 or 64 or 108 or 124;

    /// <summary>An ISO base media file whose <c>ftyp</c> box names an HEVC-coded HEIF brand (major or compatible).</summary>
    private static bool IsHeic(ReadOnlySpan<byte> head)
    {
        if (head.Length < 16 || !head[4..8].SequenceEqual("ftyp"u8))
        {
            return false;
        }

        var boxLength = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(head), (uint)head.Length);
        if (IsHeicBrand(head[8..12]))
        {
            return true;
        }

        // After the major brand and the minor version: the compatible brands, four bytes each.
        for (var at = 16; at + 4 <= boxLength; at += 4)
        {
            if (IsHeicBrand(head[at..(at + 4)]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsHeicBrand(ReadOnlySpan<byte> brand) =>
        brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8) || brand.SequenceEqual("heim"u8) || brand.SequenceEqual("heis"u8)
        || brand.SequenceEqual("hevc"u8) || brand.SequenceEqual("hevx"u8) || brand.SequenceEqual("hevm"u8) || brand.SequenceEqual("hevs"u8);

    /// <summary>
    /// Walks the zip's local file headers in the head. <c>[Content_Types].xml</c> (the first part Office writes;
    /// System.IO.Packaging writes it last) names the main part's content type, which tells a document from a
    /// template or a macro-enabled form; without it in the head, Office Open XML part names tell the family and a
    /// <c>vbaProject.bin</c> part the macro-enabled form. The parse after the pass has the last word
    /// (<see cref="Documents.OfficeInspector"/>).
    /// </summary>
    private static string ZipFlavour(ReadOnlySpan<byte> head)
    {
        var at = 0;
        var sawContentTypes = false;
        string? family = null;
        var hasVbaProject = false;
        for (var entries = 0; entries < 64 && at + 30 <= head.Length && head[at..].StartsWith("PK\u0003\u0004"u8); entries++)
        {
            var flags = BinaryPrimitives.ReadUInt16LittleEndian(head[(at + 6)..]);
            var method = BinaryPrimitives.ReadUInt16LittleEndian(head[(at + 8)..]);
            var compressed = BinaryPrimitives.ReadUInt32LittleEndian(head[(at + 18)..]);
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(head[(at + 26)..]);
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(head[(at + 28)..]);
            if (at + 30 + nameLength > head.Length)
            {
                break;
            }

            var name = Encoding.UTF8.GetString(head.Slice(at + 30, nameLength));
            if (name == "[Content_Types].xml")
            {
                sawContentTypes = true;
                var dataStart = at + 30 + nameLength + extraLength;
                if (dataStart < head.Length && OfficeTypeFromContentTypes(head[dataStart..], method) is { } office)
                {
                    return office;
                }
            }

            family ??= name.StartsWith("word/", StringComparison.Ordinal) ? MediaTypes.Docx
                : name.StartsWith("xl/", StringComparison.Ordinal) ? MediaTypes.Xlsx
                : name.StartsWith("ppt/", StringComparison.Ordinal) ? MediaTypes.Pptx
                : null;
            hasVbaProject |= name.EndsWith("/vbaProject.bin", StringComparison.OrdinalIgnoreCase);
            if ((flags & 0x08) != 0)
            {
                break; // sizes follow the data: the next header cannot be found without inflating
            }

            var next = (long)at + 30 + nameLength + extraLength + compressed;
            if (next > head.Length)
            {
                break;
            }

            at = (int)next;
        }

        // An Office file whose parts use data descriptors: its part names still sit uncompressed in the head.
        family ??= !sawContentTypes ? null
            : head.IndexOf("word/"u8) >= 0 ? MediaTypes.Docx
            : head.IndexOf("xl/"u8) >= 0 ? MediaTypes.Xlsx
            : head.IndexOf("ppt/"u8) >= 0 ? MediaTypes.Pptx
            : null;
        hasVbaProject |= head.IndexOf("/vbaProject.bin"u8) >= 0;
        return (family, hasVbaProject) switch
        {
            (null, _) => MediaTypes.Zip,
            (MediaTypes.Docx, true) => MediaTypes.Docm,
            (MediaTypes.Xlsx, true) => MediaTypes.Xlsm,
            (MediaTypes.Pptx, true) => MediaTypes.Pptm,
            _ => family,
        };
    }

    // The longest [Content_Types].xml worth reading: a real one is a few KiB; a bomb stops here.
    private const int ContentTypesLimit = 64 * 1024;

    /// <summary>
    /// The Office type that <c>[Content_Types].xml</c> (stored or deflated, starting at <paramref name="data"/>) gives
    /// the main part, or null when it names none or cannot be read from the head. Inflating stops at the end of the
    /// deflate stream or after <see cref="ContentTypesLimit"/> bytes, so it needs no sizes (data descriptors) and is
    /// bounded whatever the entry claims.
    /// </summary>
    private static string? OfficeTypeFromContentTypes(ReadOnlySpan<byte> data, ushort method)
    {
        byte[] xml;
        int length;
        if (method == 0)
        {
            xml = data[..Math.Min(data.Length, ContentTypesLimit)].ToArray();
            length = xml.Length;
        }
        else if (method == 8)
        {
            xml = new byte[ContentTypesLimit];
            length = 0;
            try
            {
                using var inflate = new DeflateStream(new MemoryStream(data.ToArray(), writable: false), CompressionMode.Decompress);
                int read;
                while (length < xml.Length && (read = inflate.Read(xml, length, xml.Length - length)) > 0)
                {
                    length += read;
                }
            }
            catch (InvalidDataException)
            {
                // Cut off by the end of the head, or not deflate at all: use what was inflated.
            }
        }
        else
        {
            return null;
        }

        return OfficeType(xml.AsSpan(0, length));
    }

    private static string? OfficeType(ReadOnlySpan<byte> contentTypes)
    {
        foreach (var (mainPart, type) in MainParts)
        {
            if (contentTypes.IndexOf(mainPart) >= 0)
            {
                return type;
            }
        }

        return null;
    }

    // Content types of the main part (ECMA-376 part 1, and [MS-OFFMACRO2] for the macro-enabled forms); templates
    // and slide shows are reported as their document type.
    private static readonly (byte[] MainPart, string Type)[] MainParts =
    [
        ("application/vnd.ms-word.document.macroEnabled.main+xml"u8.ToArray(), MediaTypes.Docm),
        ("application/vnd.ms-word.template.macroEnabledTemplate.main+xml"u8.ToArray(), MediaTypes.Docm),
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"u8.ToArray(), MediaTypes.Docx),
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"u8.ToArray(), MediaTypes.Docx),
        ("application/vnd.ms-excel.sheet.macroEnabled.main+xml"u8.ToArray(), MediaTypes.Xlsm),
        ("application/vnd.ms-excel.template.macroEnabled.main+xml"u8.ToArray(), MediaTypes.Xlsm),
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"u8.ToArray(), MediaTypes.Xlsx),
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml"u8.ToArray(), MediaTypes.Xlsx),
        ("application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"u8.ToArray(), MediaTypes.Pptm),
        ("application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml"u8.ToArray(), MediaTypes.Pptm),
        ("application/vnd.ms-powerpoint.template.macroEnabled.main+xml"u8.ToArray(), MediaTypes.Pptm),
        ("application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"u8.ToArray(), MediaTypes.Pptx),
        ("application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml"u8.ToArray(), MediaTypes.Pptx),
        ("application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"u8.ToArray(), MediaTypes.Pptx),
    ];
}
