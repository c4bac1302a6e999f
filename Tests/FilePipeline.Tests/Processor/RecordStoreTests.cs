using Amazon.DynamoDBv2.Model;
using FilePipeline.FileRecords;
using FilePipeline.Tests.Emulator;

namespace FilePipeline.Tests.Processor;

public sealed class RecordStoreTests(MotoFixture moto)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 4, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Second_writer_from_the_same_revision_loses_and_changes_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var aws = await ProcessorResources.CreateAsync(moto, ct);
        var first = Record(aws.Bucket, "a.txt", RecordStatus.Processed) with { Sha256 = "aa", MessageId = "m-1", Attempts = 1 };

        var won = await aws.Store.TryWriteAsync(first, readRevision: 0, ct);
        var duplicate = await aws.Store.TryWriteAsync(first with { Sha256 = "bb", MessageId = "m-2", Attempts = 2 }, readRevision: 0, ct);

        Assert.Equal((true, false), (won, duplicate));
        var stored = (await aws.Store.ReadAsync(aws.Bucket, "a.txt", ct))!;
        Assert.Equal((1L, "aa", "m-1", 1), (stored.Revision, stored.Record.Sha256, stored.Record.MessageId, stored.Record.Attempts));
    }

    [Fact]
    public async Task Writer_that_read_the_latest_revision_replaces_the_record_and_counts_it_up()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var aws = await ProcessorResources.CreateAsync(moto, ct);
        await aws.Store.TryWriteAsync(Record(aws.Bucket, "k", RecordStatus.Processed) with { Sha256 = "old" }, 0, ct);
        var read = (await aws.Store.ReadAsync(aws.Bucket, "k", ct))!;

        var replaced = await aws.Store.TryWriteAsync(read.Record with { Sha256 = "new" }, read.Revision, ct);
        var late = await aws.Store.TryWriteAsync(read.Record with { Sha256 = "late" }, read.Revision, ct);

        Assert.Equal((true, false), (replaced, late));
        var stored = (await aws.Store.ReadAsync(aws.Bucket, "k", ct))!;
        Assert.Equal((2L, "new"), (stored.Revision, stored.Record.Sha256));
    }

    [Fact]
    public async Task Record_written_before_revisions_reads_as_revision_zero_and_is_replaced_from_it()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var aws = await ProcessorResources.CreateAsync(moto, ct);
        var legacy = FileRecordItem.ToItem(Record(aws.Bucket, "old.txt", RecordStatus.Processed) with { Sha256 = "legacy" });
        legacy["OrderKey"] = new AttributeValue { S = "S:00FF" }; // what the table held before: an order key, no revision
        await aws.Dynamo.PutItemAsync(new PutItemRequest(aws.Table, legacy), ct);

        var read = (await aws.Store.ReadAsync(aws.Bucket, "old.txt", ct))!;
        var replaced = await aws.Store.TryWriteAsync(read.Record with { Sha256 = "synced" }, read.Revision, ct);

        Assert.Equal((0L, true), (read.Revision, replaced));
        var item = (await aws.Dynamo.GetItemAsync(aws.Table, new()
        {
            [RecordTable.BucketAttribute] = new AttributeValue { S = aws.Bucket },
            [RecordTable.KeyAttribute] = new AttributeValue { S = "old.txt" },
        }, ct)).Item!;
        Assert.Equal(("synced", "1"), (item[nameof(FileRecord.Sha256)].S, item[RecordStore.RevisionAttribute].N));
        Assert.False(item.ContainsKey("OrderKey"), "a write replaces the whole item");
    }

    [Fact]
    public async Task Deleted_record_keeps_no_field_of_the_version_it_described()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var aws = await ProcessorResources.CreateAsync(moto, ct);
        await aws.Store.TryWriteAsync(Record(aws.Bucket, "k", RecordStatus.Rejected) with { Sha256 = "abc", Reason = "too big", Size = 10, ETag = "e" }, 0, ct);

        var deleted = await aws.Store.TryWriteAsync(Record(aws.Bucket, "k", RecordStatus.Deleted) with { EventName = "ObjectRemoved:Delete" }, 1, ct);

        Assert.True(deleted);
        var record = (await aws.Store.GetAsync(aws.Bucket, "k", ct))!;
        Assert.Equal((RecordStatus.Deleted, (string?)null, (long?)null, (string?)null, (string?)null, "ObjectRemoved:Delete"),
            (record.Status, record.Sha256, record.Size, record.ETag, record.Reason, record.EventName));
    }

    [Fact]
    public async Task Batch_read_answers_every_key_once_with_its_record_and_revision_or_null_across_requests_of_100()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var aws = await ProcessorResources.CreateAsync(moto, ct);
        // 130 keys (two BatchGetItem requests), every third with a record, some written twice; two keys asked twice.
        var keys = Enumerable.Range(0, 130).Select(i => (aws.Bucket, $"batch/{i:D3} ü+%.txt")).ToList();
        for (var i = 0; i < keys.Count; i += 3)
        {
            await aws.Store.TryWriteAsync(Record(aws.Bucket, keys[i].Item2, RecordStatus.Processed) with { Sha256 = $"h{i}" }, 0, ct);
            if (i % 2 == 0)
            {
                await aws.Store.TryWriteAsync(Record(aws.Bucket, keys[i].Item2, RecordStatus.Processed) with { Sha256 = $"h{i}'" }, 1, ct);
            }
        }

        using var calls = new ClientCalls(aws.Dynamo);
        var read = await aws.Store.ReadManyAsync([.. keys, keys[0], keys[129]], ct);

        Assert.Equal((2, 0), (calls.Count("BatchGetItem"), calls.Count("GetItem")));
        Assert.Equal(keys.ToHashSet(), read.Keys.ToHashSet());
        for (var i = 0; i < keys.Count; i++)
        {
            var single = await aws.Store.ReadAsync(aws.Bucket, keys[i].Item2, ct);
            var batched = read[keys[i]];
            Assert.Equal(single is null, batched is null);
            if (single is not null)
            {
                Assert.Equal((single.Revision, single.Record), (batched!.Revision, batched.Record));
                Assert.Equal((i % 2 == 0 ? 2L : 1L, i % 2 == 0 ? $"h{i}'" : $"h{i}"), (batched.Revision, batched.Record.Sha256));
            }
        }
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
