using System.Buffers.Binary;
using System.Text;

namespace FilePipeline.Tests.Documents;

/// <summary>
/// Images written byte by byte: the headers each format defines (dimensions) and, for JPEG and TIFF, an EXIF IFD
/// with camera make and model, orientation, DateTimeOriginal with its offset, and a GPS IFD.
/// </summary>
internal static class ImageSamples
{
    public sealed record Exif(string Make, string Model, ushort Orientation, string TakenAt, string? Offset, bool Gps);

    public static readonly Exif Camera = new("FilePipeline Optics", "Model 16", 6, "2024:05:01 10:20:30", "+02:00", Gps: true);

    /// <summary>A baseline JPEG: SOI, an APP1 EXIF segment (optional), SOF0 with the dimensions, a scan, EOI.</summary>
    public static byte[] Jpeg(int width, int height, Exif? exif = null)
    {
        var jpeg = new MemoryStream();
        jpeg.Write([0xFF, 0xD8]);
        if (exif is not null)
        {
            var tiff = Tiff(exif, dimensions: null);
            var segment = new byte[2 + 6 + tiff.Length];
            BinaryPrimitives.WriteUInt16BigEndian(segment, (ushort)segment.Length);
            "Exif\0\0"u8.CopyTo(segment.AsSpan(2));
            tiff.CopyTo(segment.AsSpan(8));
            jpeg.Write([0xFF, 0xE1]);
            jpeg.Write(segment);
        }

        jpeg.Write([0xFF, 0xC0, 0x00, 0x11, 0x08]);
        Span<byte> size = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16BigEndian(size, (ushort)height);
        BinaryPrimitives.WriteUInt16BigEndian(size[2..], (ushort)width);
        jpeg.Write(size);
        jpeg.Write([0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]);
        jpeg.Write([0xFF, 0xDA, 0x00, 0x0C, 0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3F, 0x00]);
        jpeg.Write([0x12, 0x34, 0x56, 0x78]);
        jpeg.Write([0xFF, 0xD9]);
        return jpeg.ToArray();
    }

    /// <summary>A little-endian TIFF: IFD0 with the dimensions (when given), the camera, an EXIF IFD and a GPS IFD.</summary>
    public static byte[] Tiff(Exif? exif, (int Width, int Height)? dimensions)
    {
        var ifd0 = new List<Entry>();
        if (dimensions is { } d)
        {
            ifd0.Add(Entry.Long(0x0100, (uint)d.Width));
            ifd0.Add(Entry.Long(0x0101, (uint)d.Height));
        }

        List<Entry>? exifIfd = null;
        List<Entry>? gpsIfd = null;
        if (exif is not null)
        {
            ifd0.Add(Entry.Ascii(0x010F, exif.Make));
            ifd0.Add(Entry.Ascii(0x0110, exif.Model));
            ifd0.Add(Entry.Short(0x0112, exif.Orientation));
            exifIfd = [Entry.Ascii(0x9003, exif.TakenAt)];
            if (exif.Offset is { } offset)
            {
                exifIfd.Add(Entry.Ascii(0x9011, offset));
            }

            if (exif.Gps)
            {
                gpsIfd =
                [
                    new Entry(0x0000, 1, 4, [2, 3, 0, 0]),
                    Entry.Ascii(0x0001, "N"),
                    new Entry(0x0002, 5, 3, Rationals((51, 1), (30, 1), (0, 1))),
                    Entry.Ascii(0x0003, "W"),
                    new Entry(0x0004, 5, 3, Rationals((0, 1), (7, 1), (0, 1))),
                ];
            }
        }

        // Layout: header (8), IFD0, then the EXIF and GPS IFDs, each followed by its out-of-line values.
        var ifd0Length = IfdLength(ifd0, pointers: (exifIfd is null ? 0 : 1) + (gpsIfd is null ? 0 : 1));
        var exifOffset = 8 + ifd0Length;
        var exifLength = exifIfd is null ? 0 : IfdLength(exifIfd, 0);
        var gpsOffset = exifOffset + exifLength;
        if (exifIfd is not null)
        {
            ifd0.Add(Entry.Long(0x8769, (uint)exifOffset));
        }

        if (gpsIfd is not null)
        {
            ifd0.Add(Entry.Long(0x8825, (uint)gpsOffset));
        }

        var tiff = new MemoryStream();
        tiff.Write("II*\0"u8);
        tiff.Write(BitConverterLe(8u));
        WriteIfd(tiff, ifd0);
        if (exifIfd is not null)
        {
            WriteIfd(tiff, exifIfd);
        }

        if (gpsIfd is not null)
        {
            WriteIfd(tiff, gpsIfd);
        }

        return tiff.ToArray();
    }

    public static byte[] Png(int width, int height)
    {
        var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), (uint)height);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        Chunk(png, "IHDR", header);
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    public static byte[] Gif(int width, int height)
    {
        var gif = new byte[14];
        "GIF89a"u8.CopyTo(gif);
        BinaryPrimitives.WriteUInt16LittleEndian(gif.AsSpan(6), (ushort)width);
        BinaryPrimitives.WriteUInt16LittleEndian(gif.AsSpan(8), (ushort)height);
        gif[13] = 0x3B; // trailer
        return gif;
    }

    /// <summary>An extended WebP (VP8X chunk: the canvas is width−1 and height−1, 24 bits each).</summary>
    public static byte[] WebP(int width, int height)
    {
        var webp = new byte[30];
        "RIFF"u8.CopyTo(webp);
        BinaryPrimitives.WriteUInt32LittleEndian(webp.AsSpan(4), 22);
        "WEBPVP8X"u8.CopyTo(webp.AsSpan(8));
        BinaryPrimitives.WriteUInt32LittleEndian(webp.AsSpan(16), 10);
        Write24(webp.AsSpan(24), width - 1);
        Write24(webp.AsSpan(27), height - 1);
        return webp;
    }

    /// <summary>A 24-bit BMP with a BITMAPINFOHEADER and no pixels.</summary>
    public static byte[] Bmp(int width, int height)
    {
        var bmp = new byte[54];
        "BM"u8.CopyTo(bmp);
        BinaryPrimitives.WriteUInt32LittleEndian(bmp.AsSpan(2), 54);
        BinaryPrimitives.WriteUInt32LittleEndian(bmp.AsSpan(10), 54);
        BinaryPrimitives.WriteUInt32LittleEndian(bmp.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), height);
        BinaryPrimitives.WriteUInt16LittleEndian(bmp.AsSpan(26), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(bmp.AsSpan(28), 24);
        return bmp;
    }

    /// <summary>
    /// An HEIC's boxes: <c>ftyp</c> (heic), and <c>meta</c> with the handler, the primary item and its <c>ispe</c>
    /// (image spatial extents) property associated through <c>ipma</c>.
    /// </summary>
    public static byte[] Heic(int width, int height)
    {
        var ftyp = Box("ftyp", [.. "heic"u8, 0, 0, 0, 0, .. "mif1"u8, .. "heic"u8]);
        var hdlr = FullBox("hdlr", [0, 0, 0, 0, .. "pict"u8, .. new byte[12], 0]);
        var pitm = FullBox("pitm", [0, 1]);
        var extents = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(extents, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(extents.AsSpan(4), (uint)height);
        var ispe = FullBox("ispe", extents);
        var ipco = Box("ipco", ispe);
        var ipma = FullBox("ipma", [0, 0, 0, 1, 0, 1, 1, 0x81]);
        var iprp = Box("iprp", [.. ipco, .. ipma]);
        var meta = FullBox("meta", [.. hdlr, .. pitm, .. iprp]);
        return [.. ftyp, .. meta, .. Box("mdat", [0, 0, 0, 0])];
    }

    private static byte[] Box(string type, byte[] content)
    {
        var box = new byte[8 + content.Length];
        BinaryPrimitives.WriteUInt32BigEndian(box, (uint)box.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(box, 4);
        content.CopyTo(box, 8);
        return box;
    }

    private static byte[] FullBox(string type, byte[] content) => Box(type, [0, 0, 0, 0, .. content]);

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        png.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(length, Crc32(typed));
        png.Write(length);
    }

    /// <summary>CRC-32 (ISO 3309, as PNG uses it), bit by bit: the chunks here are a few bytes.</summary>
    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    private static void Write24(Span<byte> target, int value)
    {
        target[0] = (byte)value;
        target[1] = (byte)(value >> 8);
        target[2] = (byte)(value >> 16);
    }

    private static byte[] BitConverterLe(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] Rationals(params (uint Numerator, uint Denominator)[] values)
    {
        var bytes = new byte[values.Length * 8];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * 8), values[i].Numerator);
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * 8 + 4), values[i].Denominator);
        }

        return bytes;
    }

    /// <summary>Entry count, entries (12 bytes each, pointers included), the next-IFD offset, then values over 4 bytes.</summary>
    private static int IfdLength(List<Entry> entries, int pointers) =>
        2 + 12 * (entries.Count + pointers) + 4 + entries.Sum(entry => entry.Value.Length > 4 ? entry.Value.Length + (entry.Value.Length & 1) : 0);

    private static void WriteIfd(MemoryStream tiff, List<Entry> entries)
    {
        var start = (int)tiff.Position;
        var values = start + 2 + 12 * entries.Count + 4;
        var outOfLine = new MemoryStream();
        var header = new byte[2 + 12 * entries.Count + 4];
        BinaryPrimitives.WriteUInt16LittleEndian(header, (ushort)entries.Count);
        var at = 2;
        foreach (var entry in entries.OrderBy(entry => entry.Tag))
        {
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(at), entry.Tag);
            BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(at + 2), entry.Type);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(at + 4), entry.Count);
            if (entry.Value.Length <= 4)
            {
                entry.Value.CopyTo(header, at + 8);
            }
            else
            {
                BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(at + 8), (uint)(values + outOfLine.Length));
                outOfLine.Write(entry.Value);
                if ((entry.Value.Length & 1) == 1)
                {
                    outOfLine.WriteByte(0);
                }
            }

            at += 12;
        }

        tiff.Write(header);
        tiff.Write(outOfLine.ToArray());
    }

    private sealed record Entry(ushort Tag, ushort Type, uint Count, byte[] Value)
    {
        public static Entry Ascii(ushort tag, string text)
        {
            var bytes = Encoding.ASCII.GetBytes(text + "\0");
            return new Entry(tag, 2, (uint)bytes.Length, bytes);
        }

        public static Entry Short(ushort tag, ushort value)
        {
            var bytes = new byte[4];
            BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
            return new Entry(tag, 3, 1, bytes);
        }

        public static Entry Long(ushort tag, uint value)
        {
            var bytes = new byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
            return new Entry(tag, 4, 1, bytes);
        }
    }
}
