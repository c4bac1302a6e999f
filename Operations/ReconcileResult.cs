namespace FilePipeline.Operations;

/// <summary>What a reconcile found under its prefix and did about it.</summary>
/// <param name="Objects">Objects listed (their current versions).</param>
/// <param name="Records">Records listed.</param>
/// <param name="InSync">Keys whose record already describes the object, or says it is gone when it is.</param>
/// <param name="ObjectsWithoutRecord">Objects with no record (a missed event, or older than the notification).</param>
/// <param name="RecordsWithoutObject">Records describing an object that is gone (a missed delete, such as moto's delete markers).</param>
/// <param name="StaleRecords">Records describing another version than the object's current one (ETag, size or last modified differ), or not describing it at all (failed, deleted, missing).</param>
/// <param name="Enqueued">Sync events enqueued for the keys that differ.</param>
/// <param name="Failed">Sync events the queue refused.</param>
public sealed record ReconcileResult(
    int Objects, int Records, int InSync, int ObjectsWithoutRecord, int RecordsWithoutObject, int StaleRecords, int Enqueued, int Failed)
{
    /// <summary>Keys that differed from their object's current state.</summary>
    public int Differing => ObjectsWithoutRecord + RecordsWithoutObject + StaleRecords;
}
