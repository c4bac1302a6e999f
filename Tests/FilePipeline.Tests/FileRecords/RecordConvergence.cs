using FilePipeline.FileRecords;

namespace FilePipeline.Tests.FileRecords;

/// <summary>
/// The promise of the pipeline, as checks: a record equals its object's current state (<see cref="ObjectState"/>:
/// ETag, version id, size, SHA-256, declared type, and what the scan found when the test knows it), or, when the
/// object is gone, says so (DELETED, or MISSING if no version was ever recorded) without any field of a version
/// that no longer exists; and a record's history of writes never moves back to a state the object had left.
/// </summary>
internal static class RecordConvergence
{
    /// <summary>Every way <paramref name="record"/> differs from <paramref name="state"/>; empty when it equals it.</summary>
    public static IReadOnlyList<string> Differences(FileRecord? record, ObjectState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (record is null)
        {
            return [$"no record for {state}"];
        }

        var differences = new List<string>();
        if (!state.Exists)
        {
            if (record.Status is not (RecordStatus.Deleted or RecordStatus.Missing))
            {
                differences.Add($"status {FileRecordItem.StatusName(record.Status)} ({record.Reason}) although the object is gone");
            }

            Unmeasured(differences, nameof(FileRecord.Size), record.Size);
            Unmeasured(differences, nameof(FileRecord.ETag), record.ETag);
            Unmeasured(differences, nameof(FileRecord.VersionId), record.VersionId);
            Unmeasured(differences, nameof(FileRecord.Sha256), record.Sha256);
            Unmeasured(differences, nameof(FileRecord.DeclaredContentType), record.DeclaredContentType);
            Unmeasured(differences, nameof(FileRecord.DetectedType), record.DetectedType);
            Unmeasured(differences, nameof(FileRecord.LastModified), record.LastModified);
            Unmeasured(differences, nameof(FileRecord.WordCount), record.WordCount);
            Unmeasured(differences, nameof(FileRecord.LineCount), record.LineCount);
            Unmeasured(differences, nameof(FileRecord.Preview), record.Preview);
            Unmeasured(differences, nameof(FileRecord.TextEncoding), record.TextEncoding);
            Unmeasured(differences, nameof(FileRecord.ImageWidth), record.ImageWidth);
            Unmeasured(differences, nameof(FileRecord.ImageHeight), record.ImageHeight);
            return differences;
        }

        if (record.Status != state.Status)
        {
            differences.Add($"status {FileRecordItem.StatusName(record.Status)} ({record.Reason}) instead of {FileRecordItem.StatusName(state.Status)}");
        }

        Same(differences, nameof(FileRecord.ETag), state.ETag, record.ETag);
        Same(differences, nameof(FileRecord.VersionId), state.VersionId, record.VersionId);
        Same(differences, nameof(FileRecord.Size), state.Size, record.Size);
        Same(differences, nameof(FileRecord.Sha256), state.Sha256, record.Sha256);
        Same(differences, nameof(FileRecord.DeclaredContentType), state.ContentType, record.DeclaredContentType);
        if (state.Content is { } facts)
        {
            Same(differences, nameof(FileRecord.DetectedType), facts.DetectedType, record.DetectedType);
            Same(differences, nameof(FileRecord.WordCount), facts.WordCount, record.WordCount);
            Same(differences, nameof(FileRecord.LineCount), facts.LineCount, record.LineCount);
            Same(differences, nameof(FileRecord.ImageWidth), facts.ImageWidth, record.ImageWidth);
            Same(differences, nameof(FileRecord.ImageHeight), facts.ImageHeight, record.ImageHeight);
        }

        return differences;
    }

    /// <summary>Fails, naming every difference, unless <paramref name="record"/> equals <paramref name="state"/>.</summary>
    public static void AssertCurrent(FileRecord? record, ObjectState state)
    {
        var differences = Differences(record, state);
        Assert.True(differences.Count == 0, $"the record of '{state.Key}' is not its object's current state ({state}): {string.Join("; ", differences)}");
    }

    /// <summary>Reads each state's record (consistently) and fails, naming every key and difference, unless all are current.</summary>
    public static async Task AssertCurrentAsync(RecordStore store, IEnumerable<ObjectState> states, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var failures = new List<string>();
        foreach (var state in states)
        {
            var differences = Differences(await store.GetAsync(state.Bucket, state.Key, cancellationToken), state);
            if (differences.Count > 0)
            {
                failures.Add($"'{state.Key}' ({state}): {string.Join("; ", differences)}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} records are not their object's current state:\n" + string.Join('\n', failures));
    }

    /// <summary>
    /// Null when <paramref name="writes"/> (one key's record, write after write, in revision order) is a walk forward
    /// through <paramref name="history"/> (the object's states, oldest first): each write equals a state at or after
    /// the one the write before it equalled. Otherwise the first write that moved back, or equals no state at all.
    /// </summary>
    public static string? FirstRegression(IReadOnlyList<ObjectState> history, IReadOnlyList<FileRecord> writes)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(writes);
        var at = 0;
        for (var n = 0; n < writes.Count; n++)
        {
            var match = -1;
            for (var i = at; i < history.Count && match < 0; i++)
            {
                match = Differences(writes[n], history[i]).Count == 0 ? i : -1;
            }

            if (match < 0)
            {
                var earlier = Enumerable.Range(0, at).Where(i => Differences(writes[n], history[i]).Count == 0).ToList();
                return earlier.Count > 0
                    ? $"write {n + 1} of {writes.Count} moved back to state {earlier[^1]} ({history[earlier[^1]]}) after showing state {at} ({history[at]})"
                    : $"write {n + 1} of {writes.Count} ({FileRecordItem.StatusName(writes[n].Status)}, ETag {writes[n].ETag}, version {writes[n].VersionId}) equals no state the object ever had";
            }

            at = match;
        }

        return null;
    }

    /// <summary>Compared boxed: a <c>long</c> and a <c>long?</c> holding the same number are equal.</summary>
    private static void Same(List<string> differences, string field, object? expected, object? actual)
    {
        if (!Equals(expected, actual))
        {
            differences.Add($"{field} {Show(actual)} instead of {Show(expected)}");
        }
    }

    private static void Unmeasured<T>(List<string> differences, string field, T? value)
    {
        if (value is not null)
        {
            differences.Add($"{field} {value} is shown for an object that is gone");
        }
    }

    private static string Show(object? value) => value is null ? "(none)" : $"'{value}'";
}
