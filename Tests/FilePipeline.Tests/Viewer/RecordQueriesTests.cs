using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using FilePipeline.FileRecords;
using FilePipeline.Tests.Emulator;

namespace FilePipeline.Tests.Viewer;

/// <summary>The read side of the record table, against moto's DynamoDB.</summary>
public sealed class RecordQueriesTests(MotoFixture moto) : IDisposable
{
    private const string Bucket = "uploads";
    private const string OtherBucket = "elsewhere";
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private readonly IAmazonDynamoDB _dynamo = moto.Client<IAmazonDynamoDB>();

    public void Dispose() => _dynamo.Dispose();

    [Fact]
    public async Task Newest_first_pages_return_every_record_once_in_time_order()
    {
        var ct = TestContext.Current.CancellationToken;
        var (queries, records) = await SeedAsync(ct);

        var seen = await AllPagesAsync((token) => queries.NewestAsync(Bucket, RecordFilter.None, 7, token, ct));

        var expected = records.Where(r => r.Bucket == Bucket).OrderByDescending(r => r.ProcessedAt).Select(r => r.Key);
        Assert.Equal(expected, seen.Select(r => r.Key));
    }

    [Fact]
    public async Task Status_filter_returns_only_that_status_in_this_bucket()
    {
        var ct = TestContext.Current.CancellationToken;
        var (queries, records) = await SeedAsync(ct);

        var seen = await AllPagesAsync(token => queries.NewestAsync(
            Bucket, new RecordFilter { Status = RecordStatus.Rejected }, 2, token, ct));

        var expected = records.Where(r => r.Bucket == Bucket && r.Status == RecordStatus.Rejected)
            .OrderByDescending(r => r.ProcessedAt).Select(r => r.Key).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, seen.Select(r => r.Key));
    }

    [Fact]
    public async Task Type_prefix_search_and_date_range_combine()
    {
        var ct = TestContext.Current.CancellationToken;
        var (queries, records) = await SeedAsync(ct);
        var filter = new RecordFilter
        {
            DetectedType = "image/",
            KeyPrefix = "img/",
            KeyContains = "1",
            From = Start.AddMinutes(5),
            To = Start.AddMinutes(40),
        };

        var seen = await AllPagesAsync(token => queries.NewestAsync(Bucket, filter, 1, token, ct));

        var expected = records.Where(r => r.Bucket == Bucket
                && r.DetectedType!.StartsWith("image/", StringComparison.Ordinal)
                && r.Key.StartsWith("img/", StringComparison.Ordinal)
                && r.Key.Contains('1', StringComparison.Ordinal)
                && r.ProcessedAt >= filter.From && r.ProcessedAt <= filter.To)
            .OrderByDescending(r => r.ProcessedAt).Select(r => r.Key).ToList();
        Assert.True(expected.Count >= 2, "the seed data should match this filter more than once");
        Assert.Equal(expected, seen.Select(r => r.Key));
    }

    [Fact]
    public async Task Key_prefix_query_is_in_key_order_and_paginates()
    {
        var ct = TestContext.Current.CancellationToken;
        var (queries, records) = await SeedAsync(ct);

        var seen = await AllPagesAsync(token => queries.ByKeyPrefixAsync(Bucket, "docs/", 4, token, ct));

        var expected = records.Where(r => r.Bucket == Bucket && r.Key.StartsWith("docs/", StringComparison.Ordinal))
            .Select(r => r.Key).Order(StringComparer.Ordinal);
        Assert.Equal(expected, seen.Select(r => r.Key));
    }

    [Fact]
    public async Task One_record_by_key_or_null()
    {
        var ct = TestContext.Current.CancellationToken;
        var (queries, records) = await SeedAsync(ct);
        var hostile = records.Single(r => r.Key.Contains("<script>", StringComparison.Ordinal));

        Assert.Equal(hostile, await queries.GetAsync(Bucket, hostile.Key, ct));
        Assert.Null(await queries.GetAsync(Bucket, "no/such/key", ct));
        Assert.Null(await queries.GetAsync(OtherBucket, hostile.Key, ct));
    }

    [Fact]
    public async Task Counts_by_status_cover_every_status_of_this_bucket_only()
    {
        var ct = TestContext.Current.CancellationToken;
        var (queries, records) = await SeedAsync(ct);

        var counts = await queries.CountByStatusAsync(Bucket, ct);

        foreach (var status in Enum.GetValues<RecordStatus>())
        {
            Assert.Equal(records.Count(r => r.Bucket == Bucket && r.Status == status), counts[status]);
        }
    }

    [Fact]
    public async Task Processed_since_returns_recent_times_only()
    {
        var ct = TestContext.Current.CancellationToken;
        var (queries, records) = await SeedAsync(ct);
        var since = Start.AddMinutes(30);

        var times = await queries.ProcessedSinceAsync(Bucket, since, ct);

        Assert.Equal(
            records.Where(r => r.Bucket == Bucket && r.ProcessedAt >= since).Select(r => r.ProcessedAt).Order(),
            times.Order());
    }

    [Fact]
    public async Task Page_token_from_another_query_or_garbage_is_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        var (queries, _) = await SeedAsync(ct);
        var page = await queries.NewestAsync(Bucket, RecordFilter.None, 3, null, ct);
        Assert.NotNull(page.NextPageToken);

        await Assert.ThrowsAsync<FormatException>(() => queries.ByKeyPrefixAsync(Bucket, "", 3, page.NextPageToken, ct));
        await Assert.ThrowsAsync<FormatException>(() => queries.NewestAsync(Bucket, RecordFilter.None, 3, "not a token!", ct));
        await Assert.ThrowsAsync<FormatException>(() => queries.NewestAsync(Bucket, RecordFilter.None, 3, "e30", ct));
    }

    private static async Task<List<FileRecord>> AllPagesAsync(Func<string?, Task<RecordPage>> read)
    {
        var all = new List<FileRecord>();
        string? token = null;
        for (var pages = 0; pages < 200; pages++)
        {
            var page = await read(token);
            all.AddRange(page.Records);
            token = page.NextPageToken;
            if (token is null)
            {
                return all;
            }
        }

        throw new InvalidOperationException("Pagination did not end within 200 pages.");
    }

    /// <summary>A fresh table with 31 records in <see cref="Bucket"/> and 4 in another bucket, one minute apart.</summary>
    private async Task<(RecordQueries Queries, List<FileRecord> Records)> SeedAsync(CancellationToken ct)
    {
        var table = MotoFixture.UniqueName("viewer-queries");
        await _dynamo.CreateTableAsync(RecordTable.CreateTableRequest(table), ct);
        var records = new List<FileRecord>();
        for (var i = 0; i < 30; i++)
        {
            var (folder, type) = (i % 3) switch
            {
                0 => ("docs/", "text/plain"),
                1 => ("img/", i % 2 == 0 ? "image/png" : "image/jpeg"),
                _ => ("bin/", "application/zip"),
            };
            records.Add(Record(Bucket, $"{folder}file-{i:00}", type, i % 4 == 0 ? RecordStatus.Rejected : RecordStatus.Processed, Start.AddMinutes(i)));
        }

        records.Add(Record(Bucket, "<script>alert(1)</script>.txt", "text/plain", RecordStatus.Missing, Start.AddMinutes(45)));
        for (var i = 0; i < 4; i++)
        {
            records.Add(Record(OtherBucket, $"img/file-1{i}", "image/png", RecordStatus.Rejected, Start.AddMinutes(10 + i)));
        }

        foreach (var record in records)
        {
            await _dynamo.PutItemAsync(new PutItemRequest(table, FileRecordItem.ToItem(record)), ct);
        }

        return (new RecordQueries(_dynamo, table), records);
    }

    private static FileRecord Record(string bucket, string key, string type, RecordStatus status, DateTimeOffset processedAt) => new()
    {
        Bucket = bucket,
        Key = key,
        Status = status,
        Reason = status == RecordStatus.Rejected ? "type not allowed" : null,
        Size = key.Length * 1000L,
        DetectedType = type,
        EventName = "ObjectCreated:Put",
        ProcessedAt = processedAt,
        Attempts = 1,
    };
}
