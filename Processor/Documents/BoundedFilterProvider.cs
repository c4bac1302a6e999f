using System.Buffers;
using System.IO.Compression;
using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Tokens;

namespace FilePipeline.Processor.Documents;

/// <summary>
/// PdfPig's stream filters with a budget. PdfPig inflates a FlateDecode stream into memory whatever its size, so a
/// small PDF could ask for gigabytes (a decompression bomb). Each Flate stream is first inflated into nothing, only
/// counting, and refused past <paramref name="maxStreamBytes"/>; every decoded stream also counts against
/// <paramref name="maxTotalBytes"/> for the whole document. A refusal throws <see cref="DecodeBudgetExceededException"/>
/// and sets <see cref="Exceeded"/> (PdfPig swallows some filter errors in lenient mode; the flag still tells).
/// </summary>
internal sealed class BoundedFilterProvider(long maxStreamBytes, long maxTotalBytes) : IFilterProvider
{
    private readonly IFilterProvider _inner = DefaultFilterProvider.Instance;
    private long _decoded;

    public bool Exceeded { get; private set; }

    public IReadOnlyList<IFilter> GetFilters(DictionaryToken dictionary) => Wrap(_inner.GetFilters(dictionary));

    public IReadOnlyList<IFilter> GetNamedFilters(IReadOnlyList<NameToken> names) => Wrap(_inner.GetNamedFilters(names));

    public IReadOnlyList<IFilter> GetAllFilters() => Wrap(_inner.GetAllFilters());

    private IFilter[] Wrap(IReadOnlyList<IFilter> filters) => [.. filters.Select(filter => new BoundedFilter(filter, this))];

    private void CheckInflatedSize(ReadOnlyMemory<byte> input)
    {
        // The first two bytes are the zlib header, which DeflateStream does not read (as in PdfPig's FlateFilter).
        if (input.Length <= 2)
        {
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            using var inflate = new DeflateStream(new ReadOnlyMemoryStream(input[2..]), CompressionMode.Decompress);
            long total = 0;
            int read;
            while ((read = inflate.Read(buffer, 0, buffer.Length)) > 0)
            {
                total += read;
                if (total > maxStreamBytes)
                {
                    Refuse($"a compressed stream inflates beyond {maxStreamBytes:N0} bytes");
                }
            }
        }
        catch (InvalidDataException)
        {
            // Corrupt data: PdfPig's own filter decides what to do with it (lenient parsing keeps the raw bytes).
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Account(int decodedLength)
    {
        _decoded += decodedLength;
        if (_decoded > maxTotalBytes)
        {
            Refuse($"its streams decode to more than {maxTotalBytes:N0} bytes in all");
        }
    }

    private void Refuse(string reason)
    {
        Exceeded = true;
        throw new DecodeBudgetExceededException(reason);
    }

    private sealed class BoundedFilter(IFilter inner, BoundedFilterProvider budget) : IFilter
    {
        public bool IsSupported => inner.IsSupported;

        public Memory<byte> Decode(Memory<byte> input, DictionaryToken streamDictionary, IFilterProvider filterProvider, int filterIndex)
        {
            if (inner is FlateFilter)
            {
                budget.CheckInflatedSize(input);
            }

            var decoded = inner.Decode(input, streamDictionary, filterProvider, filterIndex);
            budget.Account(decoded.Length);
            return decoded;
        }
    }

    /// <summary>A read-only stream over memory, so the counting pass copies nothing.</summary>
    private sealed class ReadOnlyMemoryStream(ReadOnlyMemory<byte> memory) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => memory.Length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var count = Math.Min(buffer.Length, memory.Length - _position);
            memory.Span.Slice(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>A PDF asked for more decoded bytes than <see cref="BoundedFilterProvider"/> allows.</summary>
internal sealed class DecodeBudgetExceededException(string message) : Exception(message);
