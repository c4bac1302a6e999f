namespace FilePipeline.Processor.Documents;

/// <summary>
/// A read-only view of a seekable stream that throws once <paramref name="deadline"/> is cancelled: a parser that
/// keeps reading (a cyclic structure, a huge inflated part) stops at its next read. Disposing it leaves the inner stream open.
/// </summary>
internal sealed class DeadlineStream(Stream inner, CancellationToken deadline) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => inner.Position = value;
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        deadline.ThrowIfCancellationRequested();
        return inner.Read(buffer, offset, count);
    }

    public override int Read(Span<byte> buffer)
    {
        deadline.ThrowIfCancellationRequested();
        return inner.Read(buffer);
    }

    public override int ReadByte()
    {
        deadline.ThrowIfCancellationRequested();
        return inner.ReadByte();
    }

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
