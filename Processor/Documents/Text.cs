namespace FilePipeline.Processor.Documents;

/// <summary>Document strings as the record keeps them: trimmed, without control characters, at most 500 characters.</summary>
internal static class Text
{
    public const int MaxLength = 500;

    public static string? Clean(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var cleaned = string.Concat(value.Where(c => !char.IsControl(c) || c == '\t')).Trim();
        if (cleaned.Length > MaxLength)
        {
            cleaned = cleaned[..MaxLength];
            if (char.IsHighSurrogate(cleaned[^1]))
            {
                cleaned = cleaned[..^1];
            }
        }

        return cleaned.Length == 0 ? null : cleaned;
    }
}
