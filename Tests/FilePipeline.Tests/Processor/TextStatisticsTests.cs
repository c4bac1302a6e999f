using System.Text;
using FilePipeline.Processor.Scanning;

namespace FilePipeline.Tests.Processor;

/// <summary>
/// The byte-level counting (UTF-8, ISO-8859-1) against the definition it replaced: decode to UTF-16, a word is a
/// run of chars that are not <see cref="char.IsWhiteSpace(char)"/>, a line ends at LF.
/// </summary>
public sealed class TextStatisticsTests
{
    private static readonly Encoding Utf8 = new UTF8Encoding(false);

    public static TheoryData<string> Texts => new()
    {
        "",
        "one",
        "one\n",
        "\n\n",
        "a\r\nb\r\n\r\nc",
        "cr\ronly",
        "tabs\tand\vform\ffeeds",
        "ends with nul\0",
        "nbsp\u00A0nel\u0085ogham\u1680en\u2002ideographic\u3000end",
        "line\u2028para\u2029narrow\u202Fmath\u205Fzero\u200Bwidth\u180Emongolian",
        "curly “quotes” — dash… données ключ 文字 😀",
        "  leading and trailing  ",
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Utf8_counts_match_decoding_in_every_chunking(string text)
    {
        var bytes = Utf8.GetBytes(text);
        var expected = Reference(Utf8, bytes);

        for (var size = 1; size <= Math.Max(1, bytes.Length); size++)
        {
            Assert.Equal(expected, Count(Utf8, bytes, size));
        }
    }

    [Fact]
    public void Every_whitespace_char_separates_words_in_utf8_and_no_other_char_does()
    {
        var chars = Enumerable.Range(1, 0xFFFF).Select(c => (char)c).Where(c => !char.IsSurrogate(c));
        var text = string.Concat(chars.Select(c => "w" + c)) + "w";
        var bytes = Utf8.GetBytes(text);

        // Chunks of 31 bytes cut multi-byte whitespace at every offset; whole vectors take the fast path.
        Assert.Equal(Reference(Utf8, bytes), Count(Utf8, bytes, 31));
        Assert.Equal(Reference(Utf8, bytes), Count(Utf8, bytes, 64 * 1024));
    }

    [Fact]
    public void Latin1_counts_its_no_break_and_next_line_spaces()
    {
        var bytes = Enumerable.Range(0, 256).SelectMany(b => new[] { (byte)'x', (byte)b }).ToArray();

        Assert.Equal(Reference(Encoding.Latin1, bytes), Count(Encoding.Latin1, bytes, 37));
        Assert.Equal(Reference(Encoding.Latin1, bytes), Count(Encoding.Latin1, bytes, 4096));
    }

    [Fact]
    public void Malformed_utf8_is_part_of_a_word_as_its_replacement_char_is()
    {
        byte[] bytes = [.. "a "u8, 0xE2, 0x80, .. " b"u8, 0xC2, 0x0A, 0xE3, 0x80, 0x41, 0xFF, 0x20, 0xE2, 0x80];

        for (var size = 1; size <= bytes.Length; size++)
        {
            Assert.Equal(Reference(Utf8, bytes), Count(Utf8, bytes, size));
        }
    }

    [Fact]
    public void Long_mixed_text_matches_decoding_across_vector_and_chunk_boundaries()
    {
        var random = new Random(3);
        string[] pieces = ["word", " ", "\n", "\r\n", "\u00A0", "\u2003", "\u3000", "é", "ключ", "文", "😀", "\t", "—", "\u0085"];
        var text = string.Concat(Enumerable.Range(0, 20_000).Select(_ => pieces[random.Next(pieces.Length)]));
        var bytes = Utf8.GetBytes(text);

        foreach (var size in new[] { 1, 2, 3, 29, 32, 33, 1000, bytes.Length })
        {
            Assert.Equal(Reference(Utf8, bytes), Count(Utf8, bytes, size));
        }
    }

    [Fact]
    public void Preview_is_the_first_500_chars_whatever_the_chunking()
    {
        var text = string.Concat(Enumerable.Repeat("ключ 😀 ", 200));
        var bytes = Utf8.GetBytes(text);

        foreach (var size in new[] { 1, 5, 100, bytes.Length })
        {
            Assert.Equal(Reference(Utf8, bytes).Preview, Count(Utf8, bytes, size).Preview);
        }
    }

    private static Counts Count(Encoding encoding, byte[] bytes, int chunk)
    {
        var statistics = new TextStatistics(encoding, 500);
        for (var offset = 0; offset < bytes.Length; offset += chunk)
        {
            statistics.Add(bytes.AsSpan(offset, Math.Min(chunk, bytes.Length - offset)), final: false);
        }

        statistics.Add([], final: true);
        return new(statistics.Words, statistics.Lines, statistics.Preview);
    }

    /// <summary>The definition: decode everything, then walk the chars.</summary>
    private static Counts Reference(Encoding encoding, byte[] bytes)
    {
        var text = encoding.GetString(bytes);
        long words = 0, lines = 0;
        var inWord = false;
        foreach (var c in text)
        {
            lines += c == '\n' ? 1 : 0;
            var space = char.IsWhiteSpace(c);
            words += !space && !inWord ? 1 : 0;
            inWord = !space;
        }

        lines += text.Length > 0 && text[^1] is not ('\n' or '\0') ? 1 : 0;
        var preview = text[..Math.Min(500, text.Length)];
        return new(words, lines, preview.Length > 0 && char.IsHighSurrogate(preview[^1]) ? preview[..^1] : preview);
    }

    private sealed record Counts(long Words, long Lines, string Preview);
}
