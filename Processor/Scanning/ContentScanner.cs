using System.Buffers;
using System.Security.Cryptography;

namespace FilePipeline.Processor.Scanning;

/// <summary>
/// One streaming pass over an object: SHA-256, the type by magic bytes (or text analysis), text statistics and
/// a preview for text, image dimensions for PNG/JPEG/GIF. Memory is bounded by two fixed buffers whatever the size.
/// </summary>
public static class ContentScanner
{
    public const int HeadLength = 64 * 1024;
    public const int ChunkLength = 64 * 1024;
    public const int PreviewLength = 500;

    public static async Task<ScanResult> ScanAsync(Stream content, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var head = ArrayPool<byte>.Shared.Rent(HeadLength);
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkLength);
        try
        {
            var headLength = await FillAsync(content, head.AsMemory(0, HeadLength), cancellationToken);
            hash.AppendData(head, 0, headLength);
            long size = headLength;
            var isWhole = headLength < HeadLength;
            if (!isWhole)
            {
                // The head is full: one more read tells whether anything follows it.
                var more = await content.ReadAsync(chunk.AsMemory(0, ChunkLength), cancellationToken);
                isWhole = more == 0;
                if (!isWhole)
                {
                    return await ScanRestAsync(content, hash, head, chunk, more, cancellationToken);
                }
            }

            var classification = Classify(head.AsSpan(0, headLength), isWhole: true);
            classification.Text?.Add(head.AsSpan(classification.TextStart, headLength - classification.TextStart), final: true);
            return Result(size, hash, classification, head.AsSpan(0, headLength));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(head);
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static async Task<ScanResult> ScanRestAsync(
        Stream content, IncrementalHash hash, byte[] head, byte[] chunk, int read, CancellationToken cancellationToken)
    {
        var classification = Classify(head.AsSpan(0, HeadLength), isWhole: false);
        var text = classification.Text;
        text?.Add(head.AsSpan(classification.TextStart, HeadLength - classification.TextStart), final: false);
        long size = HeadLength;
        while (read > 0)
        {
            hash.AppendData(chunk, 0, read);
            text?.Add(chunk.AsSpan(0, read), final: false);
            size += read;
            read = await content.ReadAsync(chunk.AsMemory(0, ChunkLength), cancellationToken);
        }

        text?.Add([], final: true);
        return Result(size, hash, classification, head.AsSpan(0, HeadLength));
    }

    private static ScanResult Result(long size, IncrementalHash hash, Classification classification, ReadOnlySpan<byte> head)
    {
        var dimensions = MagicBytes.Dimensions(classification.Type, head);
        var text = classification.Text;
        return new ScanResult(
            size,
            Convert.ToHexStringLower(hash.GetHashAndReset()),
            classification.Type,
            classification.Encoding?.Name,
            text?.Words,
            text?.Lines,
            text?.Preview,
            dimensions?.Width,
            dimensions?.Height);
    }

    private static Classification Classify(ReadOnlySpan<byte> head, bool isWhole)
    {
        if (head.IsEmpty)
        {
            return new(MediaTypes.Empty, null, null, 0);
        }

        if (MagicBytes.Detect(head) is { } binary)
        {
            return new(binary, null, null, 0);
        }

        if (TextEncodingDetector.Detect(head, isWhole) is not { } encoding)
        {
            return new(MediaTypes.Binary, null, null, 0);
        }

        var type = TextKind.Detect(head[encoding.PreambleLength..], encoding, isWhole);
        return new(type, encoding, new TextStatistics(encoding.Encoding, PreviewLength), encoding.PreambleLength);
    }

    private static async Task<int> FillAsync(Stream content, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await content.ReadAsync(buffer[total..], cancellationToken);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    private sealed record Classification(string Type, DetectedEncoding? Encoding, TextStatistics? Text, int TextStart);
}
