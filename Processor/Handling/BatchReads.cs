using FilePipeline.FileRecords;

namespace FilePipeline.Processor.Handling;

/// <summary>
/// The records of a batch's keys, read together before any of its messages is handled. Each read is taken once, by
/// the first sync of its key in the batch as that sync's first look at the record: it was made before the sync's
/// head, as the sync's own read would have been. A later sync of the key in the batch, or a second round, reads again.
/// </summary>
internal sealed class BatchReads(Dictionary<(string Bucket, string Key), StoredRecord?> records)
{
    public bool TryTake(string bucket, string key, out StoredRecord? stored)
    {
        lock (records)
        {
            return records.Remove((bucket, key), out stored);
        }
    }
}
