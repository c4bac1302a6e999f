using System.Text;
using System.Text.Json;

namespace FilePipeline.Processor.Scanning;

/// <summary>Tells JSON and CSV from plain text by looking at the start of a text object.</summary>
public static class TextKind
{
    private const int CsvSampleLines = 5;

    public static string Detect(ReadOnlySpan<byte> text, DetectedEncoding encoding, bool isWhole)
    {
        var sample = encoding.Encoding.GetString(text);
        if (!isWhole && sample.Length > 0 && char.IsHighSurrogate(sample[^1]))
        {
            sample = sample[..^1];
        }

        var trimmed = sample.AsSpan().TrimStart();
        if (trimmed.Length > 0 && trimmed[0] is '{' or '[' && IsJson(trimmed, isWhole))
        {
            return MediaTypes.Json;
        }

        return IsCsv(sample, isWhole) ? MediaTypes.Csv : MediaTypes.Text;
    }

    private static bool IsJson(ReadOnlySpan<char> text, bool isWhole)
    {
        var bytes = Encoding.UTF8.GetBytes(text.ToArray());
        var reader = new Utf8JsonReader(bytes, isFinalBlock: isWhole, default);
        try
        {
            while (reader.Read())
            {
            }

            return !isWhole || reader.BytesConsumed == bytes.Length || IsTrailingSpace(bytes.AsSpan((int)reader.BytesConsumed));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool IsTrailingSpace(ReadOnlySpan<byte> rest) => rest.Trim(" \t\r\n"u8).IsEmpty;

    /// <summary>At least two lines with the same, non-zero number of commas (or semicolons) outside quotes.</summary>
    private static bool IsCsv(string sample, bool isWhole)
    {
        var lines = sample.Split('\n');
        var complete = isWhole ? lines.Length : lines.Length - 1; // the last line may be cut off
        var sampled = lines.Take(Math.Min(complete, CsvSampleLines)).Where(line => line.TrimEnd('\r').Length > 0).ToList();
        if (sampled.Count < 2)
        {
            return false;
        }

        foreach (var separator in new[] { ',', ';' })
        {
            var first = Fields(sampled[0], separator);
            if (first > 0 && sampled.All(line => Fields(line, separator) == first))
            {
                return true;
            }
        }

        return false;
    }

    private static int Fields(string line, char separator)
    {
        int count = 0;
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == separator && !quoted)
            {
                count++;
            }
        }

        return count;
    }
}
