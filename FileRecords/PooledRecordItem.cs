using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.ObjectPool;

namespace FilePipeline.FileRecords;

/// <summary>
/// A record's DynamoDB item for the time of one write, from a pool the process shares: the dictionary and its string
/// and number values are reused from write to write, so that building an item allocates only the strings that its
/// values need (docs/benchmarks.md, handler). Dispose it once the write has answered; its item must not be used after.
/// </summary>
public sealed class PooledRecordItem : IDisposable
{
    // More than the writes one process has in flight (a worker's batches, a Lambda's batch); past it, items are dropped.
    private static readonly ObjectPool<PooledRecordItem> Pool = new DefaultObjectPool<PooledRecordItem>(new Policy(), maximumRetained: 64);

    // Each value is only ever an S or only ever an N, so that setting it leaves no other kind set. Flags and lists
    // (documents and images only) are new values each time.
    private readonly List<AttributeValue> _strings = [];
    private readonly List<AttributeValue> _numbers = [];
    private int _stringsUsed;
    private int _numbersUsed;
    private bool _rented;

    private PooledRecordItem()
    {
    }

    /// <summary>The item: the record's attributes, and whatever the renter adds with <see cref="Number"/>.</summary>
    public Dictionary<string, AttributeValue> Item { get; } = new(capacity: 48);

    /// <summary>An item holding <paramref name="record"/>'s attributes (<see cref="FileRecordItem.ToItem"/>'s, on reused values).</summary>
    public static PooledRecordItem Rent(FileRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var pooled = Pool.Get();
        pooled._rented = true;
        FileRecordItem.Write(record, pooled.Item, pooled);
        return pooled;
    }

    /// <summary>A number value for an attribute the renter adds to <see cref="Item"/> (the revision), reused like the others.</summary>
    public AttributeValue Number(string value)
    {
        var attribute = NextNumber();
        attribute.N = value;
        return attribute;
    }

    public void Dispose()
    {
        if (_rented)
        {
            _rented = false;
            Pool.Return(this);
        }
    }

    internal AttributeValue NextString() => Next(_strings, ref _stringsUsed);

    internal AttributeValue NextNumber() => Next(_numbers, ref _numbersUsed);

    private static AttributeValue Next(List<AttributeValue> values, ref int used)
    {
        if (used == values.Count)
        {
            values.Add(new AttributeValue());
        }

        return values[used++];
    }

    private void Clear()
    {
        Item.Clear();
        // The values keep no text of the last record (a preview, a key) alive while they wait in the pool.
        for (var i = 0; i < _stringsUsed; i++)
        {
            _strings[i].S = null;
        }

        for (var i = 0; i < _numbersUsed; i++)
        {
            _numbers[i].N = null;
        }

        _stringsUsed = _numbersUsed = 0;
    }

    private sealed class Policy : IPooledObjectPolicy<PooledRecordItem>
    {
        public PooledRecordItem Create() => new();

        public bool Return(PooledRecordItem obj)
        {
            obj.Clear();
            return true;
        }
    }
}
