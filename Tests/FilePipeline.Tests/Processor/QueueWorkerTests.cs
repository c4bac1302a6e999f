using System.Security.Cryptography;
using System.Text;
using Amazon.DynamoDBv2.Model;
using Amazon.SQS.Model;
using FilePipeline.FileRecords;
using FilePipeline.Processor.Scanning;
using FilePipeline.Tests.Emulator;

namespace FilePipeline.Tests.Processor;

public sealed class QueueWorkerTests(MotoFixture moto)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Uploaded_files_of_mixed_types_and_hostile_names_become_exactly_one_correct_record_each()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var aws = await ProcessorResources.CreateAsync(moto, ct);
        await using var queues = await QueueResources.CreateAsync(moto, aws, maxReceiveCount: 5, ct);
        var files = new (string Key, byte[] Content, string? ContentType, RecordStatus Status, string Type)[]
        {
            ("plain.txt", Encoding.UTF8.GetBytes("one two three\nfour\n"), "text/plain", RecordStatus.Processed, MediaTypes.Text),
            ("data/ünïcødé 文件 😀.json", Encoding.UTF8.GetBytes("{\"ok\":true}"), "application/json", RecordStatus.Processed, MediaTypes.Json),
            ("<script>alert(1)</script>.csv", Encoding.UTF8.GetBytes("a,b\n1,2\n3,4\n"), "text/csv", RecordStatus.Processed, MediaTypes.Csv),
            ("a+b %2B c & d=e?.png", Samples.Png(16, 9), "image/png", RecordStatus.Processed, MediaTypes.Png),
            ("photos/2026/01/x.jpg", Samples.Jpeg(4, 3), "image/jpeg", RecordStatus.Processed, MediaTypes.Jpeg),
            ("anim.gif", Samples.Gif(2, 2), "image/gif", RecordStatus.Processed, MediaTypes.Gif),
            ("doc.pdf", Samples.Pdf, "application/pdf", RecordStatus.Processed, MediaTypes.Pdf),
            ("report.docx", Samples.Zip("[Content_Types].xml", "word/document.xml"), null, RecordStatus.Processed, MediaTypes.Docx),
            ("archive.tar.gz", Samples.Gzip("tarball"), "application/gzip", RecordStatus.Processed, MediaTypes.Gzip),
            ("invoice.pdf", Samples.Elf, "application/pdf", RecordStatus.Rejected, MediaTypes.Elf),
            ("setup.exe", Samples.PortableExecutable, "application/x-msdownload", RecordStatus.Processed, MediaTypes.PortableExecutable),
            ("empty file", [], null, RecordStatus.Processed, MediaTypes.Empty),
            ("100% sure #1.txt", Encoding.UTF8.GetBytes("percent"), "text/plain", RecordStatus.Processed, MediaTypes.Text),
            (string.Concat(Enumerable.Repeat("deep/é", 100)) + "/x" + new string('y', 1024 - 702), Encoding.UTF8.GetBytes("long key"), "text/plain", RecordStatus.Processed, MediaTypes.Text),
        };
        Assert.Equal(1024, Encoding.UTF8.GetByteCount(files[^1].Key));
        using var host = await WorkerHost.StartAsync(aws, queues, new Dictionary<string, string?> { ["Processor:Pollers"] = "2" }, ct);

        await Task.WhenAll(files.Select(file => aws.PutAsync(file.Key, file.Content, file.ContentType, cancellationToken: ct)));

        await Eventually.WaitAsync(() => aws.CountRecordsAsync(ct), count => count >= files.Length, Patience, $"{files.Length} records", ct);
        await Eventually.WaitAsync(() => queues.DepthAsync(queues.QueueUrl, ct), depth => depth == 0, Patience, "an empty queue", ct);
        Assert.Equal(files.Length, await aws.CountRecordsAsync(ct));
        foreach (var file in files)
        {
            var record = await aws.Store.GetAsync(aws.Bucket, file.Key, ct);
            Assert.True(record is not null, $"no record for '{file.Key}'");
            Assert.True((file.Status, file.Type) == (record.Status, record.DetectedType), $"'{file.Key}': {record.Status} {record.DetectedType} ({record.Reason})");
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(file.Content)), record.Sha256);
            Assert.Equal(file.Content.Length, record.Size);
        }

        Assert.Equal(0, await queues.DepthAsync(queues.DeadLetterQueueUrl, ct));
        await host.StopAsync(ct);
    }

    [Fact]
    public async Task Same_event_delivered_twice_more_is_consumed_without_reading_or_rewriting_the_object()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var aws = await ProcessorResources.CreateAsync(moto, ct);
        await using var queues = await QueueResources.CreateAsync(moto, aws, maxReceiveCount: 5, ct);
        using var s3 = new ClientCalls(aws.S3);
        await aws.PutAsync("dup.txt", "duplicate me"u8.ToArray(), "text/plain", cancellationToken: ct);
        // One poller, so that no two receives run at once: moto's receive is not known to be atomic (BurstTests once needed a
        // second receive without any fault), and a message handed to two pollers is looked at twice. The first event (a key
        // without a record) is read at once, no head; the heads counted here are then the duplicates' own, one each. A CI
        // run saw 5 heads instead of 3 with the default two pollers.
        using var host = await WorkerHost.StartAsync(aws, queues, new Dictionary<string, string?> { ["Processor:Pollers"] = "1" }, ct);
        var first = await Eventually.WaitAsync(() => aws.Store.ReadAsync(aws.Bucket, "dup.txt", ct), r => r is not null, Patience, "the first record", ct);

        var body = S3Events.Notification(aws.Bucket, "dup.txt", eventTime: DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        await queues.Sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = queues.QueueUrl, MessageBody = body }, ct);
        await queues.Sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = queues.QueueUrl, MessageBody = body }, ct);

        await Eventually.WaitAsync(() => Task.FromResult(s3.Count("GetObjectMetadata")), heads => heads == 2, Patience, "a HeadObject for each duplicate", ct);
        await Eventually.WaitAsync(() => queues.DepthAsync(queues.QueueUrl, ct), depth => depth == 0, Patience, "both duplicates consumed", ct);
        var stored = (await aws.Store.ReadAsync(aws.Bucket, "dup.txt", ct))!;
        Assert.Equal((1, 1L, first!.Record.MessageId, 1), (s3.Count("GetObject"), stored.Revision, stored.Record.MessageId, stored.Record.Attempts));
        Assert.Equal(RecordStatus.Processed, stored.Record.Status);
        Assert.Equal(0, await queues.DepthAsync(queues.DeadLetterQueueUrl, ct));
        await host.StopAsync(ct);
    }

    [Fact]
    public async Task Poison_message_reaches_the_dead_letter_queue_and_blocks_nothing_behind_it()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var aws = await ProcessorResources.CreateAsync(moto, ct);
        await using var queues = await QueueResources.CreateAsync(moto, aws, maxReceiveCount: 2, ct);
        using var host = await WorkerHost.StartAsync(aws, queues, new Dictionary<string, string?> { ["Processor:RetryBaseSeconds"] = "0" }, ct);

        var poison = await queues.Sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = queues.QueueUrl, MessageBody = "{\"this is\": \"not an S3 event\"}" }, ct);
        await aws.PutAsync("behind.txt", "after the poison"u8.ToArray(), "text/plain", cancellationToken: ct);

        await Eventually.WaitAsync(() => aws.Store.GetAsync(aws.Bucket, "behind.txt", ct), r => r is { Status: RecordStatus.Processed }, Patience, "the record behind the poison", ct);
        await Eventually.WaitAsync(() => queues.DepthAsync(queues.DeadLetterQueueUrl, ct), depth => depth == 1, Patience, "the poison message in the DLQ", ct);
        await host.StopAsync(ct);
        var dead = await queues.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = queues.DeadLetterQueueUrl,
            MaxNumberOfMessages = 10,
            MessageSystemAttributeNames = ["ApproximateReceiveCount"],
        }, ct);
        var message = Assert.Single(dead.Messages!);
        Assert.Equal(poison.MessageId, message.MessageId);
        Assert.Equal(0, await queues.DepthAsync(queues.QueueUrl, ct));
    }
}
