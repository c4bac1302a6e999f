using System.Text;

namespace FilePipeline.Processor.Scanning;

/// <summary>Counts words and lines and keeps a preview while text is decoded chunk by chunk.</summary>
public sealed class TextStatistics(Encoding encoding, int previewLength)
{
    private readonly Decoder _decoder = encoding.GetDecoder();
    private readonly StringBuilder _preview = new(previewLength);
    private char[] _chars = [];
    private bool _inWord;
    private char _last;

    public long Words { get; private set; }

    public long Lines { get; private set; }

    public string Preview => TrimSurrogate(_preview.ToString());

    public void Add(ReadOnlySpan<byte> bytes, bool final)
    {
        var needed = _decoder.GetCharCount(bytes, final);
        if (_chars.Length < needed)
        {
            _chars = new char[Math.Max(needed, 1024)];
        }

        var count = _decoder.GetChars(bytes, _chars, final);
        Count(_chars.AsSpan(0, count));
        if (final && _last != '\0' && _last != '\n')
        {
            Lines++; // a last line without a line break
            _last = '\n';
        }
    }

    private void Count(ReadOnlySpan<char> chars)
    {
        if (_preview.Length < previewLength)
        {
            _preview.Append(chars[..Math.Min(chars.Length, previewLength - _preview.Length)]);
        }

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
            _last = chars[^1];
        }
    }

    private static string TrimSurrogate(string text) =>
        text.Length > 0 && char.IsHighSurrogate(text[^1]) ? text[..^1] : text;
}
