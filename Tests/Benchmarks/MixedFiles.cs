using System.Text;

namespace FilePipeline.Benchmarks;

/// <summary>One file to upload: key, content and declared content type.</summary>
internal sealed record UploadFile(string Key, byte[] Content, string ContentType);

/// <summary>
/// Small files of mixed kinds, as users upload them: text, CSV, JSON, PNG, PDF and opaque binary, 100 B to 64 KiB,
/// each declared with the type its content has (so every one becomes a PROCESSED record). Deterministic per seed.
/// </summary>
internal static class MixedFiles
{
    private static readonly string[] Words = ["pipeline", "record", "bucket", "queue", "données", "ключ", "file", "event", "upload", "metadata"];

    public static List<UploadFile> Create(int count, string prefix, int seed)
    {
        var random = new Random(seed);
        var files = new List<UploadFile>(count);
        for (var i = 0; i < count; i++)
        {
            var size = (int)Math.Min(64 * 1024, 100 + Math.Pow(random.NextDouble(), 3) * 64 * 1024);
            var name = $"{prefix}/{i:D5}";
            files.Add((i % 6) switch
            {
                0 => new UploadFile(name + ".txt", Text(random, size, " "), "text/plain"),
                1 => new UploadFile(name + ".csv", Text(random, size, ","), "text/csv"),
                2 => new UploadFile(name + ".json", Json(random, size), "application/json"),
                3 => new UploadFile(name + ".png", Png(random, size), "image/png"),
                4 => new UploadFile(name + ".pdf", Pdf(random, size), "application/pdf"),
                _ => new UploadFile(name + ".bin", Bytes(random, size), "application/octet-stream"),
            });
        }

        return files;
    }

    private static byte[] Text(Random random, int size, string separator)
    {
        var text = new StringBuilder(size + 16);
        while (Encoding.UTF8.GetByteCount(text.ToString()) < size)
        {
            for (var i = 0; i < 64; i++)
            {
                text.Append(Words[random.Next(Words.Length)]).Append(random.Next(10) == 0 ? "\n" : separator);
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static byte[] Json(Random random, int size)
    {
        var json = new StringBuilder("[");
        while (json.Length < size)
        {
            json.Append(json.Length > 1 ? "," : "").Append("{\"word\":\"").Append(Words[random.Next(Words.Length)]).Append("\",\"n\":").Append(random.Next(100_000)).Append('}');
        }

        return Encoding.UTF8.GetBytes(json.Append(']').ToString());
    }

    /// <summary>A PNG signature and IHDR chunk (so the sniffer finds type and size), then opaque bytes.</summary>
    private static byte[] Png(Random random, int size)
    {
        var content = Bytes(random, Math.Max(size, 64));
        byte[] header = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 1, 0, 0, 0, 0, 200, 8, 6, 0, 0, 0];
        header.CopyTo(content, 0);
        return content;
    }

    private static byte[] Pdf(Random random, int size)
    {
        var content = Bytes(random, Math.Max(size, 64));
        "%PDF-1.7\n"u8.CopyTo(content);
        return content;
    }

    private static byte[] Bytes(Random random, int size)
    {
        var content = new byte[size];
        random.NextBytes(content);
        content[0] = 0x00; // never mistaken for text
        return content;
    }
}
