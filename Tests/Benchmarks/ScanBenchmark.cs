using System.Diagnostics;
using System.Security.Cryptography;
using FilePipeline.Processor.Scanning;

namespace FilePipeline.Benchmarks;

/// <summary>
/// Section 6: the processor's one-pass scan over 1 GiB in memory, against this CPU's SHA-256 rate as
/// <c>openssl speed -evp sha256</c> reports it for 16 KiB blocks. Target: ratio ≥ 0.8.
/// </summary>
internal static class ScanBenchmark
{
    private const int BlockSize = 16 * 1024;
    private const long TotalBytes = 1L << 30;

    public static async Task RunAsync(CancellationToken cancellationToken)
    {
        var ceiling = await OpenSslSpeed.Sha256BytesPerSecondAsync(cancellationToken);
        Report.Row("openssl speed -evp sha256, 16 KiB blocks (ceiling)", ceiling, ceiling);

        var block = new byte[BlockSize];
        new Random(42).NextBytes(block);
        var hashRate = Measure(() => HashOnly(block));
        Report.Row(".NET IncrementalHash SHA-256, 16 KiB blocks", hashRate, ceiling);

        var binaryRate = Measure(() => Scan(block, cancellationToken));
        Report.Row("scan pass, binary content (hash + sniff)", binaryRate, ceiling);

        var text = TextBlock();
        var textRate = Measure(() => Scan(text, cancellationToken));
        Report.Row("scan pass, UTF-8 text (hash + sniff + words/lines)", textRate, ceiling);
        Report.Line("target: scan pass ratio >= 0.80");
    }

    private static void Scan(byte[] block, CancellationToken cancellationToken)
    {
        using var content = new RepeatingStream(block, TotalBytes);
        var result = ContentScanner.ScanAsync(content, cancellationToken).GetAwaiter().GetResult();
        if (result.Size != TotalBytes)
        {
            throw new InvalidOperationException($"scanned {result.Size} bytes, expected {TotalBytes}");
        }
    }

    private static void HashOnly(byte[] block)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (long done = 0; done < TotalBytes; done += block.Length)
        {
            hash.AppendData(block);
        }

        _ = hash.GetHashAndReset();
    }

    /// <summary>One 16 KiB block of UTF-8 words and lines (multi-byte characters included), padded with newlines.</summary>
    private static byte[] TextBlock()
    {
        var words = new[] { "pipeline", "record", "bucket", "queue", "données", "ключ", "file", "event" };
        var random = new Random(7);
        var block = new byte[BlockSize];
        var length = 0;
        while (true)
        {
            var word = System.Text.Encoding.UTF8.GetBytes(words[random.Next(words.Length)] + (random.Next(12) == 0 ? "\n" : " "));
            if (length + word.Length > BlockSize)
            {
                break;
            }

            word.CopyTo(block, length);
            length += word.Length;
        }

        block.AsSpan(length).Fill((byte)'\n');
        return block;
    }

    /// <summary>Bytes per second of one 1 GiB pass, best of three (after a warm-up pass).</summary>
    internal static double Measure(Action pass)
    {
        pass();
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            pass();
            best = clock.Elapsed < best ? clock.Elapsed : best;
        }

        return TotalBytes / best.TotalSeconds;
    }
}
