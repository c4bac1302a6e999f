using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using CsCheck;
using FilePipeline.FileRecords;
using FilePipeline.Tests.Emulator;

namespace FilePipeline.Tests.FileRecords;

public sealed class FileRecordItemTests(MotoFixture moto)
{
    private static readonly FileRecord Full = new()
    {
        Bucket = "uploads",
        Key = "docs/ünïcødé + plus %2B.txt",
        Status = RecordStatus.Processed,
        Reason = null,
        Size = 12_345,
        DeclaredContentType = "text/plain",
        DetectedType = "text/plain",
        ETag = "\"9b2cf535f27731c974343645a3985328\"",
        Sha256 = new string('a', 64),
        VersionId = "v1",
        Sequencer = "0055AED6DCD90281E5",
        EventName = "ObjectCreated:Put",
        EventTime = new DateTimeOffset(2026, 11, 22, 3, 4, 5, 678, TimeSpan.Zero),
        LastModified = new DateTimeOffset(2026, 11, 22, 3, 4, 5, 0, TimeSpan.Zero),
        WordCount = 2_000,
        LineCount = 40,
        Preview = "hello <b>world</b>",
        TextEncoding = "utf-8",
        ImageWidth = 640,
        ImageHeight = 480,
        ReceivedAt = new DateTimeOffset(2026, 11, 22, 3, 4, 6, 0, TimeSpan.Zero),
        ProcessedAt = new DateTimeOffset(2026, 11, 22, 3, 4, 6, 250, TimeSpan.Zero),
        DurationMs = 12.5,
        Attempts = 2,
        TraceId = "4bf92f3577b34da6a3ce929d0e0e4736",
        MessageId = "msg-1",
    };

    [Fact]
    public void Record_survives_item_round_trip()
    {
        var back = FileRecordItem.FromItem(FileRecordItem.ToItem(Full));

        Assert.Equal(Full, back);
    }

    [Fact]
    public void Document_and_image_fields_survive_item_round_trip()
    {
        var document = Full with
        {
            DetectedType = "application/vnd.ms-excel.sheet.macroEnabled.12",
            PageCount = 12,
            Title = "Budget 2026",
            Author = "Finance",
            DocumentCreated = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero),
            SheetCount = 3,
            SheetNames = ["Budget", "Q1 2026", "Ünïcødé"],
            SlideCount = 4,
            HasMacros = true,
            CameraMake = "FilePipeline Optics",
            CameraModel = "Model 16",
            TakenAt = "2024-05-01T10:20:30+02:00",
            Orientation = 6,
            HasGps = false,
            ExtractionNote = "words and preview not extracted: reading the text took longer than the 10 s limit",
        };

        var item = FileRecordItem.ToItem(document);
        var back = FileRecordItem.FromItem(item);

        Assert.Equal(["Budget", "Q1 2026", "Ünïcødé"], back.SheetNames!);
        Assert.Equal(document with { SheetNames = null }, back with { SheetNames = null });
        Assert.Equal((true, false), (item[nameof(FileRecord.HasMacros)].BOOL, item[nameof(FileRecord.HasGps)].BOOL));
    }

    [Fact]
    public void A_pooled_item_holds_exactly_its_records_attributes_however_it_was_used_before()
    {
        // Rented and returned in turn, so that each later rent is most likely the earlier one's item and values (the pool
        // is shared with other tests running at the same time): a full record, then smaller ones, then full again.
        var document = Full with { PageCount = 3, Title = "Report", SheetNames = ["One"], HasMacros = false, ExtractionNote = "note" };
        var minimal = new FileRecord { Bucket = "b", Key = "k", Status = RecordStatus.Missing, EventName = "ObjectRemoved:Delete", ProcessedAt = Full.ProcessedAt };
        foreach (var record in new[] { document, minimal, Full, minimal with { Reason = "gone" }, document })
        {
            using var pooled = PooledRecordItem.Rent(record);
            var expected = FileRecordItem.ToItem(record);

            Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), pooled.Item.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(record, FileRecordItem.FromItem(pooled.Item) with { SheetNames = record.SheetNames });
            Assert.All(pooled.Item, pair => Assert.Equal((expected[pair.Key].S, expected[pair.Key].N), (pair.Value.S, pair.Value.N)));
        }
    }

    [Fact]
    public void A_returned_pooled_item_keeps_no_text_of_its_record_and_a_second_dispose_returns_nothing()
    {
        var pooled = PooledRecordItem.Rent(Full);
        var values = pooled.Item.Values.ToList();

        pooled.Dispose();
        pooled.Dispose(); // a second dispose must not put the same item in the pool twice (two writers would share it)

        Assert.Empty(pooled.Item);
        Assert.All(values.Where(value => value.L is null && value.BOOL is null), value => Assert.Equal((null, null), (value.S, value.N)));
        using var first = PooledRecordItem.Rent(Full);
        using var second = PooledRecordItem.Rent(Full);
        Assert.NotSame(first, second);
    }

    [Fact]
    public void Timestamps_are_written_in_the_table_format_for_any_time_and_offset()
    {
        Gen.Select(Gen.DateTime, Gen.Int[-14 * 60, 14 * 60]).Sample((time, offsetMinutes) =>
        {
            var offset = TimeSpan.FromMinutes(offsetMinutes);
            var local = DateTime.SpecifyKind(time, DateTimeKind.Unspecified);
            if (local.Ticks - offset.Ticks is < 0 or > 3155378975999999999)
            {
                return; // not a time: its UTC would be outside DateTime's range
            }

            var value = new DateTimeOffset(local, offset);
            Assert.Equal(value.UtcDateTime.ToString(RecordTable.TimestampFormat, CultureInfo.InvariantCulture), FileRecordItem.Timestamp(value));
        }, iter: 20_000);
    }

    [Fact]
    public void Status_is_stored_upper_case_and_unknown_status_is_an_error()
    {
        var item = FileRecordItem.ToItem(Full with { Status = RecordStatus.Rejected, Reason = "too large" });

        Assert.Equal("REJECTED", item[RecordTable.StatusAttribute].S);
        Assert.Throws<FormatException>(() => FileRecordItem.ParseStatus("LOST"));
    }

    [Fact]
    public async Task Table_layout_serves_every_access_pattern_on_the_emulator()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dynamo = moto.Client<IAmazonDynamoDB>();
        var table = MotoFixture.UniqueName("records");
        await dynamo.CreateTableAsync(RecordTable.CreateTableRequest(table), ct);

        var older = Full with { Key = "docs/a.txt", ProcessedAt = Full.ProcessedAt.AddMinutes(-1) };
        var rejected = Full with { Key = "img/b.png", Status = RecordStatus.Rejected, Reason = "type not allowed" };
        foreach (var record in new[] { older, Full, rejected })
        {
            await dynamo.PutItemAsync(new PutItemRequest(table, FileRecordItem.ToItem(record)), ct);
        }

        var one = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = table,
            Key = new() { ["Bucket"] = new AttributeValue("uploads"), ["Key"] = new AttributeValue(Full.Key) },
        }, ct);
        Assert.Equal(Full, FileRecordItem.FromItem(one.Item));

        var newestFirst = await dynamo.QueryAsync(new QueryRequest
        {
            TableName = table,
            IndexName = RecordTable.ByTimeIndex,
            KeyConditionExpression = "#b = :b",
            ExpressionAttributeNames = new() { ["#b"] = "Bucket" },
            ExpressionAttributeValues = new() { [":b"] = new AttributeValue("uploads") },
            ScanIndexForward = false,
        }, ct);
        Assert.Equal(older.Key, newestFirst.Items.Select(FileRecordItem.FromItem).Last().Key);

        var byStatus = await dynamo.QueryAsync(new QueryRequest
        {
            TableName = table,
            IndexName = RecordTable.ByStatusIndex,
            KeyConditionExpression = "#s = :s",
            ExpressionAttributeNames = new() { ["#s"] = "Status" },
            ExpressionAttributeValues = new() { [":s"] = new AttributeValue("REJECTED") },
        }, ct);
        Assert.Equal([rejected.Key], byStatus.Items.Select(i => i["Key"].S));

        var byPrefix = await dynamo.QueryAsync(new QueryRequest
        {
            TableName = table,
            KeyConditionExpression = "#b = :b AND begins_with(#k, :p)",
            ExpressionAttributeNames = new() { ["#b"] = "Bucket", ["#k"] = "Key" },
            ExpressionAttributeValues = new() { [":b"] = new AttributeValue("uploads"), [":p"] = new AttributeValue("docs/") },
        }, ct);
        Assert.Equal(2, byPrefix.Items.Count);
    }
}
