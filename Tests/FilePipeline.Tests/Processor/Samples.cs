using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace FilePipeline.Tests.Processor;

/// <summary>Minimal but well-formed heads of the formats the scanner recognises.</summary>
internal static class Samples
{
    public static byte[] Pdf => Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n");

    public static byte[] Png(int width, int height)
    {
        var bytes = new byte[33];
        new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(8), 13);
        "IHDR"u8.CopyTo(bytes.AsSpan(12));
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(16), (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(20), (uint)height);
        bytes[24] = 8;
        bytes[25] = 6;
        return bytes;
    }

    public static byte[] Jpeg(int width, int height)
    {
        var stream = new MemoryStream();
        stream.Write([0xFF, 0xD8]);
        // APP0 (JFIF), 16 bytes long, then a comment segment, then SOF0.
        stream.Write([0xFF, 0xE0, 0x00, 0x10]);
        stream.Write("JFIF\0"u8);
        stream.Write([1, 1, 0, 0, 1, 0, 1, 0, 0]);
        stream.Write([0xFF, 0xFE, 0x00, 0x07]);
        stream.Write("hello"u8);
        stream.Write([0xFF, 0xC0, 0x00, 0x11, 0x08]);
        Span<byte> size = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16BigEndian(size, (ushort)height);
        BinaryPrimitives.WriteUInt16BigEndian(size[2..], (ushort)width);
        stream.Write(size);
        stream.Write(new byte[10]);
        stream.Write([0xFF, 0xD9]);
        return stream.ToArray();
    }

    public static byte[] Gif(int width, int height)
    {
        var bytes = new byte[13];
        "GIF89a"u8.CopyTo(bytes);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(6), (ushort)width);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)height);
        return bytes;
    }

    public static byte[] WebP => [.. "RIFF"u8, 0x24, 0, 0, 0, .. "WEBPVP8 "u8, 0x18, 0, 0, 0];

    public static byte[] Zip(params string[] entries)
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var name in entries)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(Encoding.UTF8.GetBytes("<x>" + name + "</x>"));
            }
        }

        return stream.ToArray();
    }

    public static byte[] Gzip(string text)
    {
        var stream = new MemoryStream();
        using (var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return stream.ToArray();
    }

    public static byte[] Elf => [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, .. new byte[56]];

    public static byte[] PortableExecutable
    {
        get
        {
            var bytes = new byte[0x200];
            bytes[0] = (byte)'M';
            bytes[1] = (byte)'Z';
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(0x3C), 0x80);
            "PE\0\0"u8.CopyTo(bytes.AsSpan(0x80));
            return bytes;
        }
    }
}
