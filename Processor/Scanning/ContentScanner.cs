using System.Buffers;
using System.Security.Cryptography;
using FilePipeline.Processor.Documents;

namespace FilePipeline.Processor.Scanning;

/// <summary>
/// One streaming pass over an object: SHA-256, the type by magic bytes (or text analysis), text statistics and
/// a preview for text, image dimensions for PNG/JPEG/GIF. Memory is bounded by two fixed buffers whatever the size.
/// A document or image (<see cref="MediaTypes.IsParsed"/>) no larger than <see cref="DocumentLimits.MaxBytes"/> is
/// also copied to a temporary file during the pass (<see cref="DocumentSpool"/>) and parsed from it afterwards
/// (<see cref="ContentInspector"/>); an object that fits in the head is parsed from memory.
/// </summary>
public static class ContentScanner
{
    public const int HeadLength = 64 * 1024;
    public const int ChunkLength = 64 * 1024;
    public const int PreviewLength = 500;

    /// <summary>Scans with the default document limits, not knowing the object's length in advance.</summary>
    public static Task<ScanResult> ScanAsync(Stream content, CancellationToken cancellationToken) =>
        ScanAsync(content, null, DocumentLimits.Default, cancellationToken);

    /// <summary>
    /// Scans <paramref name="content"/>; <paramref name="expectedLength"/> (GetObject's Content-Length), when known,
    /// saves spooling an object that is over the document limit anyway.
    /// </summary>
    public static async Task<ScanResult> ScanAsync(Stream content, long? expectedLength, DocumentLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limits);
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
                    return await ScanRestAsync(content, expectedLength, limits, hash, head, chunk, more, cancellationToken);
                }
            }

            var classification = Classify(head.AsSpan(0, headLength), isWhole: true);
            classification.Text?.Add(head.AsSpan(classification.TextStart, headLength - classification.TextStart), final: true);
            ContentDetails? details = null;
            if (MediaTypes.IsParsed(classification.Type))
            {
                details = size > limits.MaxBytes
                    ? OverLimit(classification.Type, size, limits)
                    : await ContentInspector.InspectAsync(
                        classification.Type, new MemoryStream(head, 0, headLength, writable: false), limits, cancellationToken);
            }

            return Result(size, hash, classification, head.AsSpan(0, headLength), details);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(head);
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static async Task<ScanResult> ScanRestAsync(
        Stream content, long? expectedLength, DocumentLimits limits, IncrementalHash hash, byte[] head, byte[] chunk, int read,
        CancellationToken cancellationToken)
    {
        var classification = Classify(head.AsSpan(0, HeadLength), isWhole: false);
        var text = classification.Text;
        text?.Add(head.AsSpan(classification.TextStart, HeadLength - classification.TextStart), final: false);
        var parsed = MediaTypes.IsParsed(classification.Type);
        await using var spool = parsed && !(expectedLength > limits.MaxBytes) && HeadLength <= limits.MaxBytes ? new DocumentSpool(limits.MaxBytes) : null;
        if (spool is not null)
        {
            await spool.WriteAsync(head.AsMemory(0, HeadLength), cancellationToken);
        }

        long size = HeadLength;
        while (read > 0)
        {
            hash.AppendData(chunk, 0, read);
            text?.Add(chunk.AsSpan(0, read), final: false);
            if (spool is not null)
            {
                await spool.WriteAsync(chunk.AsMemory(0, read), cancellationToken);
            }

            size += read;
            read = await content.ReadAsync(chunk.AsMemory(0, ChunkLength), cancellationToken);
        }

        text?.Add([], final: true);
        ContentDetails? details = null;
        if (parsed)
        {
            details = spool is null || spool.Overflowed
                ? OverLimit(classification.Type, size, limits)
                : await ContentInspector.InspectAsync(classification.Type, spool.Content(), limits, cancellationToken);
        }

        return Result(size, hash, classification, head.AsSpan(0, HeadLength), details);
    }

    private static ContentDetails OverLimit(string type, long size, DocumentLimits limits) =>
        ContentDetails.NotExtracted(
            $"{ContentInspector.Kind(type)} not parsed: {size:N0} bytes is over the {limits.MaxBytes:N0}-byte parse limit (Processor:MaxDocumentBytes)");

    private static ScanResult Result(long size, IncrementalHash hash, Classification classification, ReadOnlySpan<byte> head, ContentDetails? details)
    {
        var dimensions = MagicBytes.Dimensions(classification.Type, head);
        var text = classification.Text;
        var document = details?.Document;
        var image = details?.Image;
        return new ScanResult(
            size,
            Convert.ToHexStringLower(hash.GetHashAndReset()),
            details?.DetectedType ?? classification.Type,
            classification.Encoding?.Name,
            text?.Words ?? document?.WordCount,
            text?.Lines,
            text?.Preview ?? document?.Preview,
            image?.Width ?? dimensions?.Width,
            image?.Height ?? dimensions?.Height)
        {
            Document = document,
            Image = image,
            Note = details?.Note,
        };
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
