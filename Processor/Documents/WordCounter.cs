using System.Text;

namespace FilePipeline.Processor.Documents;

/// <summary>
/// Counts words in text that arrives in pieces (PDF words, Word runs) and keeps the first characters as a preview.
/// A word is a maximal run of characters for which <see cref="char.IsWhiteSpace(char)"/> is false, as for text
/// objects (<see cref="Scanning.TextStatistics"/>); <see cref="Separate"/> ends a word where the document has a
/// boundary that is not a character (a paragraph, a tab element, the next PDF word).
/// </summary>
internal sealed class WordCounter(int previewLength)
{
    private readonly StringBuilder _preview = new(previewLength);
    private bool _inWord;

    public long Words { get; private set; }

    /// <summary>The preview, or null when the document had no text; never ends in half a surrogate pair.</summary>
    public string? Preview
    {
        get
        {
            var preview = _preview.ToString().TrimEnd();
            if (preview.Length > 0 && char.IsHighSurrogate(preview[^1]))
            {
                preview = preview[..^1];
            }

            return preview.Length == 0 ? null : preview;
        }
    }

    public void Add(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                _inWord = false;
            }
            else if (!_inWord)
            {
                _inWord = true;
                Words++;
            }
        }

        var room = previewLength - _preview.Length;
        if (room > 0)
        {
            _preview.Append(text[..Math.Min(room, text.Length)]);
        }
    }

    /// <summary>Ends the current word; the preview shows the boundary as <paramref name="separator"/>.</summary>
    public void Separate(char separator)
    {
        _inWord = false;
        if (_preview.Length == 0)
        {
            return;
        }

        if (!char.IsWhiteSpace(_preview[^1]))
        {
            if (_preview.Length < previewLength)
            {
                _preview.Append(separator);
            }
        }
        else if (separator == '\n' && _preview[^1] == ' ')
        {
            _preview[^1] = '\n'; // the end of a page or paragraph after the space that ended its last word
        }
    }
}
