using System.Text;
using System.Text.Unicode;

namespace FilePipeline.Processor.Scanning;

/// <summary>The encoding of a text object, found from its first bytes.</summary>
public sealed record DetectedEncoding(string Name, Encoding Encoding, int PreambleLength);

/// <summary>Decides from an object's head whether it is text, and in which encoding.</summary>
public static class TextEncodingDetector
{
    /// <summary>The encoding, or null when the head looks binary.</summary>
    /// <param name="head">The object's first bytes.</param>
    /// <param name="isWhole">True when <paramref name="head"/> is the whole object (no sequence is cut off at its end).</param>
    public static DetectedEncoding? Detect(ReadOnlySpan<byte> head, bool isWhole)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return new("utf-8", new UTF8Encoding(false), 3);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return new("utf-16le", new UnicodeEncoding(false, false), 2);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return new("utf-16be", new UnicodeEncoding(true, false), 2);
        }

        if (head.IndexOf((byte)0) >= 0)
        {
            return Utf16WithoutBom(head);
        }

        if (HasBinaryControls(head))
        {
            return null;
        }

        var checkedPart = isWhole ? head : TrimIncompleteUtf8(head);
        return Utf8.IsValid(checkedPart)
            ? new("utf-8", new UTF8Encoding(false), 0)
            : new("iso-8859-1", Encoding.Latin1, 0);
    }

    /// <summary>UTF-16 text without a byte-order mark has a zero in every other byte (for Latin text).</summary>
    private static DetectedEncoding? Utf16WithoutBom(ReadOnlySpan<byte> head)
    {
        var pairs = head.Length / 2;
        if (pairs < 2)
        {
            return null;
        }

        int zeroEven = 0, zeroOdd = 0;
        for (var i = 0; i + 1 < head.Length; i += 2)
        {
            zeroEven += head[i] == 0 ? 1 : 0;
            zeroOdd += head[i + 1] == 0 ? 1 : 0;
        }

        return zeroOdd >= pairs * 9 / 10 && zeroEven == 0 ? new("utf-16le", new UnicodeEncoding(false, false), 0)
            : zeroEven >= pairs * 9 / 10 && zeroOdd == 0 ? new("utf-16be", new UnicodeEncoding(true, false), 0)
            : null;
    }

    private static bool HasBinaryControls(ReadOnlySpan<byte> head)
    {
        foreach (var b in head)
        {
            // Tab, LF, VT, FF, CR and ESC occur in text; other C0 controls mean binary.
            if (b < 0x20 && b is not (0x09 or 0x0A or 0x0B or 0x0C or 0x0D or 0x1B))
            {
                return true;
            }
        }

        return false;
    }

    private static ReadOnlySpan<byte> TrimIncompleteUtf8(ReadOnlySpan<byte> head)
    {
        // Drop a multi-byte sequence that the head's end cut in two (at most 3 bytes).
        for (var back = 1; back <= Math.Min(3, head.Length); back++)
        {
            var b = head[^back];
            if ((b & 0xC0) == 0xC0)
            {
                return head[..^back]; // a lead byte: its sequence may be incomplete
            }

            if ((b & 0x80) == 0)
            {
                break;
            }
        }

        return head;
    }
}
