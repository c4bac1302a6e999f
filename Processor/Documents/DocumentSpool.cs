namespace FilePipeline.Processor.Documents;

/// <summary>
/// A temporary file that keeps a copy of an object's bytes while the streaming pass reads them, so that a parser
/// that needs random access (PDF cross-reference tables, the zip central directory at the end of an Office file)
/// gets them without a second GetObject and without holding the object in memory. It keeps at most
/// <paramref name="maxBytes"/>: past that it stops writing, truncates and says so (<see cref="Overflowed"/>).
/// The file is deleted when the spool is disposed (a process killed mid-scan can leave one behind in the temp folder).
/// </summary>
internal sealed class DocumentSpool(long maxBytes) : IAsyncDisposable
{
    private const int ReadBufferLength = 64 * 1024;

    private readonly FileStream _file = new(
        Path.Combine(Path.GetTempPath(), "filepipeline-" + Path.GetRandomFileName()),
        FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 0, FileOptions.DeleteOnClose | FileOptions.Asynchronous);

    public bool Overflowed { get; private set; }

    public long Length { get; private set; }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        if (Overflowed)
        {
            return;
        }

        if (Length + bytes.Length > maxBytes)
        {
            Overflowed = true;
            _file.SetLength(0);
            return;
        }

        await _file.WriteAsync(bytes, cancellationToken);
        Length += bytes.Length;
    }

    /// <summary>
    /// The spooled bytes from the start, buffered (parsers read a few bytes at a time); valid until the spool is disposed.
    /// </summary>
    public Stream Content()
    {
        _file.Position = 0;
        return new BufferedStream(_file, ReadBufferLength);
    }

    public ValueTask DisposeAsync() => _file.DisposeAsync();
}
