using System.Buffers;
using System.Text.Unicode;

namespace FilePipeline.Processor.Events;

/// <summary>S3 notification keys are URL-encoded with form semantics: <c>+</c> is a space, <c>%2B</c> a plus.</summary>
public static class ObjectKey
{
    private const int StackLimit = 1024;

    public static string DecodeForm(string encoded) =>
        encoded.Contains('+', StringComparison.Ordinal) || encoded.Contains('%', StringComparison.Ordinal)
            ? Uri.UnescapeDataString(encoded.Replace('+', ' '))
            : encoded;

    /// <summary>
    /// <see cref="DecodeForm(string)"/> straight from the key's UTF-8 bytes, into one string. Null where the result
    /// could differ from it (a <c>%</c> not followed by two hex digits, escapes that decode to invalid UTF-8, which
    /// <see cref="Uri.UnescapeDataString(string)"/> keeps as written): the caller then decodes the string.
    /// </summary>
    public static string? TryDecodeForm(ReadOnlySpan<byte> encoded)
    {
        var special = encoded.IndexOfAny((byte)'%', (byte)'+');
        if (special < 0)
        {
            return ToText(encoded); // nothing to decode: the key as sent
        }

        byte[]? rented = null;
        var decoded = encoded.Length <= StackLimit ? stackalloc byte[encoded.Length] : (rented = ArrayPool<byte>.Shared.Rent(encoded.Length));
        try
        {
            // What comes before the first escape is copied whole; from there on escapes are usually close together.
            encoded[..special].CopyTo(decoded);
            var length = special;
            for (var i = special; i < encoded.Length; i++)
            {
                var b = encoded[i];
                if (b == (byte)'+')
                {
                    b = (byte)' ';
                }
                else if (b == (byte)'%')
                {
                    var (high, low) = i + 2 < encoded.Length ? (HexValue(encoded[i + 1]), HexValue(encoded[i + 2])) : (-1, -1);
                    if ((high | low) < 0)
                    {
                        return null;
                    }

                    b = (byte)((high << 4) | low);
                    i += 2;
                }

                decoded[length++] = b;
            }

            return ToText(decoded[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The string of valid UTF-8 <paramref name="utf8"/>, validated and transcoded in one pass; null when it is not valid.</summary>
    private static string? ToText(ReadOnlySpan<byte> utf8)
    {
        char[]? rented = null;
        var text = utf8.Length <= StackLimit ? stackalloc char[utf8.Length] : (rented = ArrayPool<char>.Shared.Rent(utf8.Length));
        try
        {
            return Utf8.ToUtf16(utf8, text, out _, out var written, replaceInvalidSequences: false) == OperationStatus.Done
                ? new string(text[..written])
                : null;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The value of a hex digit; -1 for any other byte.</summary>
    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
