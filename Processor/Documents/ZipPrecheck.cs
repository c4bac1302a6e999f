using System.Buffers.Binary;
using System.IO.Compression;

namespace FilePipeline.Processor.Documents;

/// <summary>
/// Refuses a zip before a package reader opens it when its own directory says it is hostile: more entries than an
/// Office file has (each costs memory when the directory is read), a part that declares more uncompressed bytes than
/// the limit, or parts that declare more than eight times the limit in all (a zip bomb). .NET's zip reader stops an
/// entry at its declared size, so a lie in the directory cannot get past these checks either.
/// </summary>
internal static class ZipPrecheck
{
    public const int MaxEntries = 10_000;

    private const int EndRecordLength = 22;
    private const int MaxCommentLength = ushort.MaxValue;

    /// <summary>Why the zip must not be opened, or null when it may be.</summary>
    public static string? Problem(Stream zip, DocumentLimits limits)
    {
        var entries = EntryCount(zip);
        if (entries is null)
        {
            return "not a readable zip (no end of central directory record)";
        }

        if (entries > MaxEntries)
        {
            return $"the zip declares {entries:N0} entries, more than the {MaxEntries:N0} an Office file is allowed";
        }

        zip.Position = 0;
        using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        long total = 0;
        foreach (var entry in archive.Entries)
        {
            if (entry.Length > limits.MaxBytes)
            {
                return $"part {entry.FullName} declares {entry.Length:N0} bytes uncompressed, over the {limits.MaxBytes:N0}-byte limit (possible zip bomb)";
            }

            total += entry.Length;
            if (total > 8 * limits.MaxBytes)
            {
                return $"its parts declare more than {8 * limits.MaxBytes:N0} bytes uncompressed in all (possible zip bomb)";
            }
        }

        zip.Position = 0;
        return null;
    }

    /// <summary>The entry count of the end of central directory record (0xFFFF and up: a zip64 count), or null when there is none.</summary>
    private static long? EntryCount(Stream zip)
    {
        if (zip.Length < EndRecordLength)
        {
            return null;
        }

        var tailLength = (int)Math.Min(zip.Length, EndRecordLength + MaxCommentLength);
        var tail = new byte[tailLength];
        zip.Position = zip.Length - tailLength;
        zip.ReadExactly(tail);
        for (var at = tailLength - EndRecordLength; at >= 0; at--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(at)) == 0x06054B50)
            {
                return BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(at + 10));
            }
        }

        return null;
    }
}
