using System.Text;

namespace FilePipeline.Testing;

/// <summary>A seekable stream of <paramref name="length"/> bytes of text lines, generated as it is read: never held in memory.</summary>
internal sealed class GeneratedStream(long length) : Stream
{
    private static readonly byte[] Pattern = Encoding.ASCII.GetBytes(string.Concat(
        Enumerable.Range(0, 97).Select(i => $"line {i:D3} of the generated large object with words to count\n")));

    private long _position;

    /// <summary>How many line feeds the first <paramref name="length"/> bytes hold.</summary>
    public static long NewlinesIn(long length) =>
        length / Pattern.Length * 97 + Pattern.AsSpan(0, (int)(length % Pattern.Length)).Count((byte)'\n');

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => _position = Math.Clamp(value, 0, length);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var total = (int)Math.Min(buffer.Length, length - _position);
        var written = 0;
        while (written < total)
        {
            var from = (int)(_position % Pattern.Length);
            var run = Math.Min(total - written, Pattern.Length - from);
            Pattern.AsSpan(from, run).CopyTo(buffer[written..]);
            written += run;
            _position += run;
        }

        return total;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
