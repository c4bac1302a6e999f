using System.Runtime.CompilerServices;
using FilePipeline.FileRecords;
using Microsoft.Extensions.Options;

namespace FilePipeline.Viewer.Records;

/// <summary>
/// Records as they are written: polls the newest-first index for records processed at or after a moment and
/// yields each new version once (a record processed again is yielded again).
/// </summary>
public sealed class LiveRecordFeed(RecordQueries records, IOptions<ResourceOptions> resources, IOptions<ViewerOptions> options)
{
    private const int PageSize = 100;

    public async IAsyncEnumerable<FileRecord> WatchAsync(
        DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var cursor = since;
        var seenAtCursor = new HashSet<string>(StringComparer.Ordinal);
        using var timer = new PeriodicTimer(options.Value.LivePollInterval);
        do
        {
            var page = await records.NewestAsync(
                resources.Value.BucketName, new RecordFilter { From = cursor }, PageSize, null, cancellationToken);
            var fresh = page.Records
                .Where(record => record.ProcessedAt > cursor || !seenAtCursor.Contains(Identity(record)))
                .OrderBy(record => record.ProcessedAt)
                .ToList();
            foreach (var record in fresh)
            {
                if (record.ProcessedAt > cursor)
                {
                    cursor = record.ProcessedAt;
                    seenAtCursor.Clear();
                }

                seenAtCursor.Add(Identity(record));
                yield return record;
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }

    private static string Identity(FileRecord record) => record.Key + "\n" + FileRecordItem.Timestamp(record.ProcessedAt);
}
