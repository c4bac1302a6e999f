using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using FilePipeline.FileRecords;
using FilePipeline.Processor;
using FilePipeline.Processor.Handling;
using FilePipeline.Processor.Scanning;
using FilePipeline.Processor.Telemetry;
using FilePipeline.Tests.FileRecords;
using FilePipeline.Processor.Validation;
using FilePipeline.Tests.Emulator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FilePipeline.Tests.Processor;

public sealed class ObjectEventHandlerTests(MotoFixture moto)
{
    [Fact]
    public async Task Created_text_object_becomes_a_processed_record()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var aws = await ProcessorResources.CreateAsync(moto, ct);
        var content = Encoding.UTF8.GetBytes("Hello pipeline.\nSecond line here.\n");
        await aws.PutAsync("notes/hello.txt", content, "text/plain", cancellationToken: ct);

        await aws.Handler().HandleAsync(Message(aws.Bucket, "notes%2Fhello.txt", receiveCount: 2), ct);

        var record = (await aws.Store.GetAsync(aws.Bucket, "notes/hello.txt", ct))!;
        Assert.Equal(RecordStatus.Processed, record.Status);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), record.Sha256);
        Assert.Equal((MediaTypes.Text, "text/plain", 5L, 2L, "utf-8"), (record.DetectedType, record.DeclaredContentType, record.WordCount!.Value, record.LineCount!.Value, record.TextEncoding));
        Assert.Equal("Hello pipeline.\nSecond line here.\n", record.Preview);
        Assert.Equal((content.Length, 2, "ObjectCreated:Put", "m-1"), (record.Size!.Value, record.Attempts, record.EventName, record.MessageId));
        Assert.NotNull(record.ETag);
        Assert.NotNull(record.LastModified);
        Assert.True(record.DurationMs >= 0);
    }

    [Fact]
    public async Task Image_record_has_its_dimensions()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var aws = await ProcessorResources.CreateAsync(moto, ct);
        await aws.PutAsync("p.png", Samples.Png(800, 600), "image/png", cancellationToken: ct);

        await aws.Handler().HandleAsync(Message(aws.Bucket, "p.png"), ct);

        var record = (await aws.Store.GetAsync(aws.Bucket, "p.png", ct))!;
        Assert.Equal((RecordStatus.Processed, MediaTypes.Png, 800, 600), (record.Status, record.DetectedType, record.ImageWidth!.Value, record.ImageHeight!.Value));
    }

    [Fact]
    public async Task Executable_uploaded_as_pdf_is_rejected_with_a_reason()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var aws = await ProcessorResources.CreateAsync(moto, ct);
        await aws.PutAsync("invoice.pdf", Samples.Elf, "application/pdf", cancellationToken: ct);

        await aws.Handler().HandleAsync(Message(aws.Bucket, "invoice.pdf"), ct);

        var record = (await aws.Store.GetAsync(aws.Bucket, "invoice.pdf", ct))!;
        Assert.Equal((RecordStatus.Rejected, MediaTypes.Elf), (record.Status, record.DetectedType));
        Assert.Contains("executable", record.Reason, StringComparison.Ordinal);
        Assert.NotNull(record.Sha256);
    }

    [Fact]
    public async Task Object_over_the_size_limit_is_rejected_without_being_read()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var aws = await ProcessorResources.CreateAsync(moto, ct);
        await aws.PutAsync("big.bin", new byte[2_048], cancellationToken: ct);
        await aws.PutAsync("understated.bin", new byte[2_048], cancellationToken: ct);
        var handler = aws.Handler(new ProcessorOptions { MaxObjectBytes = 1_024 });
        using var s3 = new ClientCalls(aws.S3);

        // An event that names the size: headed, never read.
        await handler.HandleAsync(new QueueMessage("m-1", S3Events.Notification(aws.Bucket, "big.bin", size: 2_048, eventTime: Now(0)), 1, null, "q"), ct);
        Assert.Equal((1, 0), (s3.Count("GetObjectMetadata"), s3.Count("GetObject")));
        // One that names a size under the limit (Message's 0): read at once, but S3's answer is judged, and the body is left unread.
        await handler.HandleAsync(Message(aws.Bucket, "understated.bin"), ct);

        foreach (var key in new[] { "big.bin", "understated.bin" })
        {
            var record = (await aws.Store.GetAsync(aws.Bucket, key, ct))!;
            Assert.Equal((RecordStatus.Rejected, 2_048L, (string?)null, (string?)null), (record.Status, record.Size!.Value, record.Sha256, record.DetectedType));
            Assert.Contains("exceeds the limit", record.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Object_gone_before_processing_is_recorded_missing_without_what_the_event_claimed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var aws = await ProcessorResources.CreateAsync(moto, ct);

        await aws.Handler().HandleAsync(Message(aws.Bucket, "vanished.txt"), ct); // the event names a size and an ETag

        var record = (await aws.Store.GetAsync(aws.Bucket, "vanished.txt", ct))!;
        Assert.Equal(RecordStatus.Missing, record.Status);
        // A creation of a key without a record is looked at by a GetObject: the reason names the request that found nothing.
        Assert.Equal("the object was gone before it could be read (GetObject: 404 Not Found)", record.Reason);
        RecordConvergence.AssertCurrent(record, ObjectState.Gone(aws.Bucket, "vanished.txt")); // no size, ETag or type never measured
    }

    [Fact]
    public async Task Removed_event_marks_the_record_deleted_and_a_late_create_neither_revives_nor_rewrites_it()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var aws = await ProcessorResources.CreateAsync(moto, ct);
        await aws.PutAsync("d.txt", "delete me"u8.ToArray(), cancellationToken: ct);
        var handler = aws.Handler();
        var created = Message(aws.Bucket, "d.txt");
        await handler.HandleAsync(created, ct);
        await aws.S3.DeleteObjectAsync(aws.Bucket, "d.txt", ct);

        var removed = new QueueMessage("m-2", S3Events.Notification(aws.Bucket, "d.txt", "ObjectRemoved:Delete", eventTime: Now(1)), 1, null, "q");
        await handler.HandleAsync(removed, ct);
        using var dynamo = new ClientCalls(aws.Dynamo);
        await handler.HandleAsync(created with { ReceiveCount = 2 }, ct); // redelivered create: the object is gone, and the record says so

        var stored = (await aws.Store.ReadAsync(aws.Bucket, "d.txt", ct))!;
        Assert.Equal((RecordStatus.Deleted, "ObjectRemoved:Delete", "m-2", 2L), (stored.Record.Status, stored.Record.EventName, stored.Record.MessageId, stored.Revision));
        Assert.Equal("the object no longer exists (HeadObject: 404 Not Found)", stored.Record.Reason); // a removal is headed
        Assert.Equal(0, dynamo.Count("PutItem"));
        RecordConvergence.AssertCurrent(stored.Record, ObjectState.Gone(aws.Bucket, "d.txt")); // nothing of the deleted version left
    }

    [Fact]
    public async Task Concurrent_duplicates_write_the_record_once()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var aws = await ProcessorResources.CreateAsync(moto, ct);
        await aws.PutAsync("twice.json", "{\"a\":1}"u8.ToArray(), "application/json", cancellationToken: ct);
        var handler = aws.Handler();
        using var dynamo = new ClientCalls(aws.Dynamo);

        await Task.WhenAll(
            handler.HandleAsync(Message(aws.Bucket, "twice.json") with { MessageId = "m-1" }, ct),
            handler.HandleAsync(Message(aws.Bucket, "twice.json") with { MessageId = "m-2" }, ct));

        var stored = (await aws.Store.ReadAsync(aws.Bucket, "twice.json", ct))!;
        var written = Assert.Single(dynamo.WrittenItems); // the loser of the race read the winner's record and had nothing to add
        Assert.Equal((1L, written["MessageId"].S), (stored.Revision, stored.Record.MessageId));
        Assert.Equal((RecordStatus.Processed, MediaTypes.Json, 1), (stored.Record.Status, stored.Record.DetectedType, stored.Record.Attempts));
    }

    [Fact]
    public async Task Redelivered_event_for_an_unchanged_object_costs_a_head_and_no_GetObject_or_write()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var aws = await ProcessorResources.CreateAsync(moto, ct);
        await aws.PutAsync("again.txt", "same bytes"u8.ToArray(), "text/plain", cancellationToken: ct);
        var handler = aws.Handler();
        using var s3 = new ClientCalls(aws.S3);
        using var dynamo = new ClientCalls(aws.Dynamo);
        await handler.HandleAsync(Message(aws.Bucket, "again.txt"), ct);
        // A key without a record is looked at by reading it: one GetObject, no HeadObject.
        Assert.Equal((0, 1, 1), (s3.Count("GetObjectMetadata"), s3.Count("GetObject"), dynamo.Count("PutItem")));

        await handler.HandleAsync(Message(aws.Bucket, "again.txt", receiveCount: 2), ct);
        await handler.HandleAsync(Message(aws.Bucket, "again.txt", receiveCount: 3), ct);

        // A recorded key is headed first: each redelivery costs a GetItem and a HeadObject, and nothing else.
        Assert.Equal((2, 1, 1, 3), (s3.Count("GetObjectMetadata"), s3.Count("GetObject"), dynamo.Count("PutItem"), dynamo.Count("GetItem")));
        var stored = (await aws.Store.ReadAsync(aws.Bucket, "again.txt", ct))!;
        Assert.Equal((1L, 1, "m-1"), (stored.Revision, stored.Record.Attempts, stored.Record.MessageId)); // the first delivery's record, untouched
    }

    [Fact]
    public async Task Batch_reads_all_its_records_in_one_BatchGetItem_and_syncs_each_key_from_that_read()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var aws = await ProcessorResources.CreateAsync(moto, ct);
        var keys = Enumerable.Range(0, 10).Select(i => $"batch/{i}.txt").ToList();
        foreach (var key in keys)
        {
            await aws.PutAsync(key, Encoding.UTF8.GetBytes("content of " + key), "text/plain", cancellationToken: ct);
        }

        var handler = aws.Handler();
        foreach (var key in keys.Take(4))
        {
            await handler.HandleAsync(Message(aws.Bucket, WebUtility.UrlEncode(key)), ct); // already current before the batch
        }

        using var s3 = new ClientCalls(aws.S3);
        using var dynamo = new ClientCalls(aws.Dynamo);
        var batch = keys.Select((key, i) => Message(aws.Bucket, WebUtility.UrlEncode(key)) with { MessageId = $"b-{i}" }).ToList();
        var failed = await new BatchProcessor(handler, 4, NullLogger<BatchProcessor>.Instance).ProcessAsync(batch, fifo: false, ct);

        Assert.Empty(failed);
        Assert.Equal((1, 0), (dynamo.Count("BatchGetItem"), dynamo.Count("GetItem")));
        // The 4 recorded keys are headed (and found current), the 6 new ones read at once.
        Assert.Equal((4, 6, 6), (s3.Count("GetObjectMetadata"), s3.Count("GetObject"), dynamo.Count("PutItem")));
        foreach (var (key, i) in keys.Select((key, i) => (key, i)))
        {
            var stored = (await aws.Store.ReadAsync(aws.Bucket, key, ct))!;
            Assert.Equal((RecordStatus.Processed, 1L, "content of " + key), (stored.Record.Status, stored.Revision, stored.Record.Preview));
            Assert.Equal(i < 4 ? "m-1" : $"b-{i}", stored.Record.MessageId); // the current ones untouched
        }
    }

    [Fact]
    public async Task Second_event_of_a_key_in_one_batch_reads_the_record_again_and_finds_it_current()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var aws = await ProcessorResources.CreateAsync(moto, ct);
        await aws.PutAsync("twice.txt", "one version"u8.ToArray(), "text/plain", cancellationToken: ct);
        using var s3 = new ClientCalls(aws.S3);
        using var dynamo = new ClientCalls(aws.Dynamo);
        QueueMessage[] batch = [Message(aws.Bucket, "twice.txt") with { MessageId = "first" }, Message(aws.Bucket, "twice.txt") with { MessageId = "second" }];

        // One at a time, so that which sync takes the batch's read is known: the first; the second reads its own.
        var failed = await new BatchProcessor(aws.Handler(), 1, NullLogger<BatchProcessor>.Instance).ProcessAsync(batch, fifo: false, ct);

        Assert.Empty(failed);
        Assert.Equal((1, 1, 1), (dynamo.Count("BatchGetItem"), dynamo.Count("GetItem"), dynamo.Count("PutItem")));
        Assert.Equal((1, 1), (s3.Count("GetObjectMetadata"), s3.Count("GetObject"))); // the first read at once, the second headed
        var stored = (await aws.Store.ReadAsync(aws.Bucket, "twice.txt", ct))!;
        Assert.Equal((1L, "first", "one version"), (stored.Revision, stored.Record.MessageId, stored.Record.Preview));
    }

    [Fact]
    public async Task Batch_whose_record_read_fails_is_handled_with_a_read_per_message_and_a_warning()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var aws = await ProcessorResources.CreateAsync(moto, ct);
        var faults = new FailingBatchReads();
        using var failingDynamo = moto.Client<Amazon.DynamoDBv2.IAmazonDynamoDB>(config => config.HttpClientFactory = faults);
        var logger = new Reliability.CollectingLogger<ObjectEventHandler>();
        var handler = new ObjectEventHandler(aws.S3, new RecordStore(failingDynamo, aws.Table), ValidationPolicy.From(new ProcessorOptions()), logger, TimeProvider.System);
        foreach (var key in new[] { "a.txt", "b.txt", "c.txt" })
        {
            await aws.PutAsync(key, Encoding.UTF8.GetBytes(key), "text/plain", cancellationToken: ct);
        }

        using var dynamo = new ClientCalls(failingDynamo);
        QueueMessage[] batch = [.. new[] { "a.txt", "b.txt", "c.txt" }.Select(key => Message(aws.Bucket, key) with { MessageId = key })];
        var failed = await new BatchProcessor(handler, 3, NullLogger<BatchProcessor>.Instance).ProcessAsync(batch, fifo: false, ct);

        Assert.Empty(failed);
        Assert.Equal((1, 1, 3, 3), (faults.Refused, dynamo.Count("BatchGetItem"), dynamo.Count("GetItem"), dynamo.Count("PutItem")));
        foreach (var key in new[] { "a.txt", "b.txt", "c.txt" })
        {
            Assert.Equal(RecordStatus.Processed, (await aws.Store.GetAsync(aws.Bucket, key, ct))?.Status);
        }

        var warning = Assert.Single(logger.Entries, entry => entry.Level == LogLevel.Warning);
        Assert.Contains("read of 3 records (BatchGetItem) failed", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_keys_are_recorded_exactly()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var aws = await ProcessorResources.CreateAsync(moto, ct);
        string[] keys =
        [
            "a+b %2B c.txt",
            "dir/sub dir/ünïcødé 文件 😀.txt",
            "<script>alert(1)</script>.txt",
            "100% & #hash ?query=1.txt",
            string.Concat(Enumerable.Repeat("k/é", 1020 / 4)) + "1234",
        ];
        var handler = aws.Handler();
        foreach (var key in keys)
        {
            await aws.PutAsync(key, Encoding.UTF8.GetBytes(key), cancellationToken: ct);
            await handler.HandleAsync(Message(aws.Bucket, WebUtility.UrlEncode(key)), ct);
        }

        foreach (var key in keys)
        {
            var record = await aws.Store.GetAsync(aws.Bucket, key, ct);
            Assert.True(record is { Status: RecordStatus.Processed }, $"no processed record for '{key}'");
            Assert.Equal(key[..Math.Min(key.Length, 500)], record.Preview);
        }
    }

    [Fact]
    public async Task Test_event_is_dropped_and_anything_else_fails_with_its_classification()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var aws = await ProcessorResources.CreateAsync(moto, ct);
        var handler = aws.Handler();

        await handler.HandleAsync(new QueueMessage("t", S3Events.TestEvent(aws.Bucket), 1, null, "q"), ct);
        var error = await Assert.ThrowsAsync<UnrecognizedMessageException>(() => handler.HandleAsync(new QueueMessage("x", "{\"hello\":1}", 1, null, "q"), ct));

        Assert.Contains("without Records", error.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await aws.CountRecordsAsync(ct));
    }

    [Fact]
    public async Task Traceparent_in_object_metadata_is_continued_and_its_trace_id_stored()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var aws = await ProcessorResources.CreateAsync(moto, ct);
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ProcessorDiagnostics.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (spans)
                {
                    spans.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        await aws.PutAsync("traced.txt", "traced"u8.ToArray(), traceparent: $"00-{traceId}-00f067aa0ba902b7-01", cancellationToken: ct);
        await aws.PutAsync("untraced.txt", "untraced"u8.ToArray(), cancellationToken: ct);

        await aws.Handler().HandleAsync(Message(aws.Bucket, "traced.txt"), ct); // a new key: looked at by reading it
        await aws.Handler().HandleAsync(Message(aws.Bucket, "untraced.txt"), ct);
        await aws.Handler().HandleAsync(Message(aws.Bucket, "traced.txt", receiveCount: 2), ct); // recorded: headed, found current

        Assert.Equal(traceId, (await aws.Store.GetAsync(aws.Bucket, "traced.txt", ct))!.TraceId);
        var untraced = (await aws.Store.GetAsync(aws.Bucket, "untraced.txt", ct))!.TraceId;
        Assert.Matches("^[0-9a-f]{32}$", untraced);
        Assert.NotEqual(traceId, untraced);
        lock (spans)
        {
            var traced = spans.Where(span => span.TraceId.ToHexString() == traceId && span.GetTagItem("aws.s3.key") as string == "traced.txt").ToList();
            Assert.Equal(["head", "process", "process", "scan", "write"], traced.Select(span => span.OperationName).Order());
            var processes = traced.Where(span => span.OperationName == "process").ToList();
            Assert.All(processes, process => Assert.Equal("00f067aa0ba902b7", process.ParentSpanId.ToHexString()));
            Assert.All(traced.Except(processes), span => Assert.Contains(span.ParentSpanId, processes.Select(process => process.SpanId)));
            var scan = traced.Single(span => span.OperationName == "scan");
            var write = traced.Single(span => span.OperationName == "write");
            Assert.Equal(("latest", "GetObject"), (scan.GetTagItem("filepipeline.read"), scan.GetTagItem("rpc.method")));
            Assert.True(scan.StartTimeUtc <= write.StartTimeUtc && write.ParentSpanId == scan.ParentSpanId, "the scan (from its GetObject on) and then the write, in one process span");
            var head = traced.Single(span => span.OperationName == "head");
            Assert.Equal("HeadObject", head.GetTagItem("rpc.method"));
        }
    }

    private static QueueMessage Message(string bucket, string encodedKey, int receiveCount = 1) =>
        new("m-1", S3Events.Notification(bucket, encodedKey, eventTime: Now(0)), receiveCount, null, "q");

    private static string Now(int plusSeconds) =>
        DateTimeOffset.UtcNow.AddSeconds(plusSeconds).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
}
