using FilePipeline.FileRecords;
using FilePipeline.Tests.Infrastructure;

namespace FilePipeline.Tests.Processor;

public sealed class RecordStoreTests(MotoFixture moto)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 4, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Same_event_written_twice_leaves_one_record()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var aws = await ProcessorResources.CreateAsync(moto, ct);
        var record = Record(aws.Bucket, "a.txt", RecordStatus.Processed) with { Sha256 = "aa" };
        var order = RecordOrder.Key(null, T0, "etag1");

        Assert.Equal(WriteOutcome.Written, await aws.Store.WriteAsync(record, order, ct));
        Assert.Equal(WriteOutcome.Written, await aws.Store.WriteAsync(record with { Attempts = 2 }, order, ct));

        Assert.Equal(1, await aws.CountRecordsAsync(ct));
        Assert.Equal(2, (await aws.Store.GetAsync(aws.Bucket, "a.txt", ct))!.Attempts);
    }

    [Theory]
    [InlineData("0055AED6DCD90281E5", "0055AED6DCD90281E4")]
    [InlineData("0055AED6DCD90281E5", "55AED6DCD90281E4")] // compared left-padded, as hex
    [InlineData("1000000000000000000A", "FFFFFFFFFFFFFFFFF")]
    public async Task Older_sequencer_never_overwrites_a_newer_record(string newer, string older)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var aws = await ProcessorResources.CreateAsync(moto, ct);

        await aws.Store.WriteAsync(Record(aws.Bucket, "k", RecordStatus.Processed) with { Sha256 = "new", Sequencer = newer }, RecordOrder.Key(newer, null, null), ct);
        var outcome = await aws.Store.WriteAsync(Record(aws.Bucket, "k", RecordStatus.Processed) with { Sha256 = "old", Sequencer = older }, RecordOrder.Key(older, null, null), ct);

        Assert.Equal(WriteOutcome.Stale, outcome);
        Assert.Equal("new", (await aws.Store.GetAsync(aws.Bucket, "k", ct))!.Sha256);
    }

    [Fact]
    public async Task Without_sequencer_last_modified_orders_the_events()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var aws = await ProcessorResources.CreateAsync(moto, ct);

        await aws.Store.WriteAsync(Record(aws.Bucket, "k", RecordStatus.Processed) with { Sha256 = "old" }, RecordOrder.Key(null, T0, "e1"), ct);
        await aws.Store.WriteAsync(Record(aws.Bucket, "k", RecordStatus.Processed) with { Sha256 = "new" }, RecordOrder.Key(null, T0.AddSeconds(1), "e2"), ct);
        var late = await aws.Store.WriteAsync(Record(aws.Bucket, "k", RecordStatus.Processed) with { Sha256 = "old" }, RecordOrder.Key(null, T0, "e1"), ct);

        Assert.Equal(WriteOutcome.Stale, late);
        Assert.Equal("new", (await aws.Store.GetAsync(aws.Bucket, "k", ct))!.Sha256);
    }

    [Fact]
    public async Task Delete_marks_the_record_and_keeps_what_was_known()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var aws = await ProcessorResources.CreateAsync(moto, ct);
        await aws.Store.WriteAsync(Record(aws.Bucket, "k", RecordStatus.Rejected) with { Sha256 = "abc", Reason = "too big", Size = 10 }, RecordOrder.Key(null, T0, "e"), ct);

        var outcome = await aws.Store.MarkDeletedAsync(Record(aws.Bucket, "k", RecordStatus.Deleted) with { EventName = "ObjectRemoved:Delete" }, RecordOrder.Key(null, T0.AddMinutes(1), null), ct);
        var stale = await aws.Store.WriteAsync(Record(aws.Bucket, "k", RecordStatus.Processed), RecordOrder.Key(null, T0, "e"), ct);

        Assert.Equal((WriteOutcome.Written, WriteOutcome.Stale), (outcome, stale));
        var record = (await aws.Store.GetAsync(aws.Bucket, "k", ct))!;
        Assert.Equal((RecordStatus.Deleted, "abc", 10L, (string?)null, "ObjectRemoved:Delete"), (record.Status, record.Sha256, record.Size!.Value, record.Reason, record.EventName));
    }

    [Fact]
    public async Task Delete_of_an_unknown_object_creates_a_deleted_record()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var aws = await ProcessorResources.CreateAsync(moto, ct);

        await aws.Store.MarkDeletedAsync(Record(aws.Bucket, "never seen", RecordStatus.Deleted), RecordOrder.Key(null, T0, null), ct);

        Assert.Equal(RecordStatus.Deleted, (await aws.Store.GetAsync(aws.Bucket, "never seen", ct))!.Status);
    }

    private static FileRecord Record(string bucket, string key, RecordStatus status) => new()
    {
        Bucket = bucket,
        Key = key,
        Status = status,
        EventName = "ObjectCreated:Put",
        ProcessedAt = T0,
        Attempts = 1,
    };
}
