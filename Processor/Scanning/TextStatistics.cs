using System.Numerics;
using System.Runtime.Intrinsics;
using System.Text;

namespace FilePipeline.Processor.Scanning;

/// <summary>
/// Counts words and lines and keeps a preview while text arrives chunk by chunk.
/// </summary>
/// <remarks>
/// Definitions (the same for every encoding): a word is a maximal run of UTF-16 code units for which
/// <see cref="char.IsWhiteSpace(char)"/> is false, so Unicode spaces (U+0085, U+00A0, U+1680, U+2000–U+200A,
/// U+2028, U+2029, U+202F, U+205F, U+3000) separate words and a malformed byte sequence (decoded as U+FFFD) is part
/// of a word. A line is counted at each LF (CR alone is not a line break, CRLF counts once), plus one for a last
/// line without a final LF unless the text is empty or ends with U+0000. The preview is the first 500 UTF-16 code
/// units, without a trailing high surrogate.
/// UTF-8 and ISO-8859-1 are counted on the bytes (vectorised; a byte sequence is only decoded for the preview);
/// other encodings are decoded to UTF-16 and counted one char at a time.
/// </remarks>
public sealed class TextStatistics(Encoding encoding, int previewLength)
{
    private readonly Decoder _decoder = encoding.GetDecoder();
    private readonly StringBuilder _preview = new(previewLength);
    private readonly ByteText? _byteText = encoding.CodePage switch
    {
        65001 => ByteText.Utf8,
        28591 => ByteText.Latin1,
        _ => null,
    };

    private readonly byte[] _carry = new byte[4];
    private int _carryLength;
    private char[] _chars = [];
    private bool _inWord;
    private bool _any;
    private bool _lastIsBreak; // the last char was LF or U+0000: no extra line at the end

    private enum ByteText
    {
        Utf8,
        Latin1,
    }

    public long Words { get; private set; }

    public long Lines { get; private set; }

    public string Preview => TrimSurrogate(_preview.ToString());

    public void Add(ReadOnlySpan<byte> bytes, bool final)
    {
        if (_byteText is { } kind)
        {
            AddPreview(bytes, final);
            if (kind == ByteText.Utf8)
            {
                CountUtf8(bytes, final);
            }
            else
            {
                CountBytes(bytes, utf8: false);
            }
        }
        else
        {
            var needed = _decoder.GetCharCount(bytes, final);
            if (_chars.Length < needed)
            {
                _chars = new char[Math.Max(needed, 1024)];
            }

            var count = _decoder.GetChars(bytes, _chars, final);
            var chars = _chars.AsSpan(0, count);
            AppendPreview(chars);
            CountChars(chars);
        }

        if (final && _any && !_lastIsBreak)
        {
            Lines++; // a last line without a line break
            _lastIsBreak = true;
        }
    }

    /// <summary>Decodes only as much as the preview still needs.</summary>
    private void AddPreview(ReadOnlySpan<byte> bytes, bool final)
    {
        while (_preview.Length < previewLength && (bytes.Length > 0 || final))
        {
            // Four bytes per missing char is enough to fill the preview (UTF-8 needs at most 4 bytes per code unit pair).
            var slice = bytes[..Math.Min(bytes.Length, ((previewLength - _preview.Length) * 4) + 4)];
            var last = final && slice.Length == bytes.Length;
            var needed = _decoder.GetCharCount(slice, last);
            if (_chars.Length < needed)
            {
                _chars = new char[Math.Max(needed, 1024)];
            }

            AppendPreview(_chars.AsSpan(0, _decoder.GetChars(slice, _chars, last)));
            bytes = bytes[slice.Length..];
            if (last)
            {
                break;
            }
        }
    }

    private void AppendPreview(ReadOnlySpan<char> chars)
    {
        if (_preview.Length < previewLength)
        {
            _preview.Append(chars[..Math.Min(chars.Length, previewLength - _preview.Length)]);
        }
    }

    private void CountChars(ReadOnlySpan<char> chars)
    {
        foreach (var c in chars)
        {
            if (c == '\n')
            {
                Lines++;
            }

            var space = char.IsWhiteSpace(c);
            if (!space && !_inWord)
            {
                Words++;
            }

            _inWord = !space;
        }

        if (chars.Length > 0)
        {
            _any = true;
            _lastIsBreak = chars[^1] is '\n' or '\0';
        }
    }

    /// <summary>
    /// UTF-8: a multi-byte whitespace sequence cut by the chunk's end is kept in <see cref="_carry"/> and finished
    /// with the next chunk's first bytes; every other byte is classified on its own.
    /// </summary>
    private void CountUtf8(ReadOnlySpan<byte> bytes, bool final)
    {
        if (_carryLength > 0)
        {
            Span<byte> joined = stackalloc byte[8];
            _carry.AsSpan(0, _carryLength).CopyTo(joined);
            var taken = Math.Min(bytes.Length, 3);
            bytes[..taken].CopyTo(joined[_carryLength..]);
            var total = _carryLength + taken;
            var end = final && taken == bytes.Length;
            var i = 0;
            while (i < _carryLength)
            {
                var step = Utf8Step(joined[..total], i, end);
                if (step == 0)
                {
                    // Still too short (a chunk of one or two bytes): carry everything that is left.
                    joined[i..total].CopyTo(_carry);
                    _carryLength = total - i;
                    return;
                }

                i += step;
            }

            var consumed = i - _carryLength; // bytes of this chunk that the carried sequence used
            _carryLength = 0;
            bytes = bytes[consumed..];
        }

        var rest = CountBytes(bytes, utf8: true);
        if (rest > 0)
        {
            var tail = bytes[^rest..];
            if (final)
            {
                // An incomplete sequence at the very end decodes as U+FFFD: part of a word.
                foreach (var b in tail)
                {
                    Classify(b, space: false);
                }
            }
            else
            {
                tail.CopyTo(_carry);
                _carryLength = rest;
            }
        }
    }

    /// <summary>Counts whole chunks of bytes; returns how many bytes at the end were left for the next chunk (UTF-8 only).</summary>
    private int CountBytes(ReadOnlySpan<byte> bytes, bool utf8)
    {
        var i = 0;
        while (i < bytes.Length)
        {
            i = Vector256.IsHardwareAccelerated ? CountVector256(bytes, i, utf8)
                : Vector128.IsHardwareAccelerated ? CountVector128(bytes, i, utf8)
                : i;

            // The vector loop stopped at a possible multi-byte whitespace or within the last vector's length.
            var stop = Math.Min(bytes.Length, i + Vector256<byte>.Count);
            while (i < stop)
            {
                if (!utf8)
                {
                    Classify(bytes[i], IsLatin1Space(bytes[i]));
                    i++;
                    continue;
                }

                var step = Utf8Step(bytes, i, end: false);
                if (step == 0)
                {
                    return bytes.Length - i;
                }

                i += step;
            }
        }

        return 0;
    }

    /// <summary>Counts whole vectors while none holds a lead byte of a multi-byte whitespace (UTF-8); returns where it stopped.</summary>
    private int CountVector256(ReadOnlySpan<byte> bytes, int i, bool utf8)
    {
        var start = i;
        var inWord = _inWord;
        long words = 0, lines = 0;
        while (i + Vector256<byte>.Count <= bytes.Length)
        {
            var v = Vector256.Create(bytes.Slice(i, Vector256<byte>.Count));
            var space = Vector256.Equals(v, Vector256.Create((byte)' ')) | Vector256.LessThanOrEqual(v - Vector256.Create((byte)9), Vector256.Create((byte)4));
            if (utf8)
            {
                var lead = Vector256.Equals(v, Vector256.Create((byte)0xC2)) | Vector256.Equals(v, Vector256.Create((byte)0xE1))
                    | Vector256.Equals(v, Vector256.Create((byte)0xE2)) | Vector256.Equals(v, Vector256.Create((byte)0xE3));
                if (lead != Vector256<byte>.Zero)
                {
                    break;
                }
            }
            else
            {
                space |= Vector256.Equals(v, Vector256.Create((byte)0x85)) | Vector256.Equals(v, Vector256.Create((byte)0xA0));
            }

            var mask = space.ExtractMostSignificantBits();
            var starts = ~mask & ((mask << 1) | (inWord ? 0u : 1u));
            words += BitOperations.PopCount(starts);
            lines += BitOperations.PopCount(Vector256.Equals(v, Vector256.Create((byte)'\n')).ExtractMostSignificantBits());
            inWord = (mask >> 31) == 0;
            i += Vector256<byte>.Count;
        }

        Commit(bytes, start, i, inWord, words, lines);
        return i;
    }

    /// <summary>The same as <see cref="CountVector256"/> with 16-byte vectors (e.g. Arm64).</summary>
    private int CountVector128(ReadOnlySpan<byte> bytes, int i, bool utf8)
    {
        var start = i;
        var inWord = _inWord;
        long words = 0, lines = 0;
        while (i + Vector128<byte>.Count <= bytes.Length)
        {
            var v = Vector128.Create(bytes.Slice(i, Vector128<byte>.Count));
            var space = Vector128.Equals(v, Vector128.Create((byte)' ')) | Vector128.LessThanOrEqual(v - Vector128.Create((byte)9), Vector128.Create((byte)4));
            if (utf8)
            {
                var lead = Vector128.Equals(v, Vector128.Create((byte)0xC2)) | Vector128.Equals(v, Vector128.Create((byte)0xE1))
                    | Vector128.Equals(v, Vector128.Create((byte)0xE2)) | Vector128.Equals(v, Vector128.Create((byte)0xE3));
                if (lead != Vector128<byte>.Zero)
                {
                    break;
                }
            }
            else
            {
                space |= Vector128.Equals(v, Vector128.Create((byte)0x85)) | Vector128.Equals(v, Vector128.Create((byte)0xA0));
            }

            var mask = space.ExtractMostSignificantBits();
            var starts = ~mask & ((mask << 1) | (inWord ? 0u : 1u)) & 0xFFFFu;
            words += BitOperations.PopCount(starts);
            lines += BitOperations.PopCount(Vector128.Equals(v, Vector128.Create((byte)'\n')).ExtractMostSignificantBits());
            inWord = (mask >> 15) == 0;
            i += Vector128<byte>.Count;
        }

        Commit(bytes, start, i, inWord, words, lines);
        return i;
    }

    private void Commit(ReadOnlySpan<byte> bytes, int start, int end, bool inWord, long words, long lines)
    {
        if (end > start)
        {
            Words += words;
            Lines += lines;
            _inWord = inWord;
            _any = true;
            _lastIsBreak = bytes[end - 1] is (byte)'\n' or 0;
        }
    }

    /// <summary>Classifies the UTF-8 sequence at <paramref name="i"/>; returns its length in bytes, or 0 when more bytes are needed to tell.</summary>
    private int Utf8Step(ReadOnlySpan<byte> bytes, int i, bool end)
    {
        var b = bytes[i];
        if (b < 0x80)
        {
            Classify(b, b is (byte)' ' or >= 0x09 and <= 0x0D);
            return 1;
        }

        var length = b switch
        {
            0xC2 => 2,
            0xE1 or 0xE2 or 0xE3 => 3,
            _ => 1,
        };
        if (length > 1 && i + length > bytes.Length)
        {
            if (!end && IsSpacePrefix(bytes[i..]))
            {
                return 0;
            }

            length = 1; // cannot be whitespace
        }

        if (length > 1 && IsUtf8Space(bytes.Slice(i, length)))
        {
            Classify(b, space: true);
            return length;
        }

        Classify(b, space: false); // a lead, continuation or malformed byte: part of a word
        return 1;
    }

    private void Classify(byte last, bool space)
    {
        if (last == '\n')
        {
            Lines++;
        }

        if (!space && !_inWord)
        {
            Words++;
        }

        _inWord = !space;
        _any = true;
        _lastIsBreak = last is (byte)'\n' or 0;
    }

    private static bool IsLatin1Space(byte b) => b is (byte)' ' or >= 0x09 and <= 0x0D or 0x85 or 0xA0;

    /// <summary>U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000 in UTF-8.</summary>
    private static bool IsUtf8Space(ReadOnlySpan<byte> s) => s switch
    {
        [0xC2, 0x85 or 0xA0] => true,
        [0xE1, 0x9A, 0x80] => true,
        [0xE2, 0x80, (>= 0x80 and <= 0x8A) or 0xA8 or 0xA9 or 0xAF] => true,
        [0xE2, 0x81, 0x9F] => true,
        [0xE3, 0x80, 0x80] => true,
        _ => false,
    };

    /// <summary>Whether the bytes cut off at a chunk's end could still become a whitespace sequence.</summary>
    private static bool IsSpacePrefix(ReadOnlySpan<byte> s) => s switch
    {
        [0xC2] or [0xE1] or [0xE2] or [0xE3] => true,
        [0xE1, 0x9A] or [0xE2, 0x80 or 0x81] or [0xE3, 0x80] => true,
        _ => false,
    };

    private static string TrimSurrogate(string text) =>
        text.Length > 0 && char.IsHighSurrogate(text[^1]) ? text[..^1] : text;
}
