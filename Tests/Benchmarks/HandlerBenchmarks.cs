using BenchmarkDotNet.Attributes;
using FilePipeline.FileRecords;
using FilePipeline.Processor.Events;

namespace FilePipeline.Benchmarks;

/// <summary>
/// Section 1: the handler's own work per message, without I/O: envelope parsing, key decoding and record
/// building (the record and its DynamoDB item, as the record store builds it). Target ≤ 3 µs and ≤ 2 KB per message (issue 19).
/// </summary>
[MemoryDiagnoser]
public class HandlerBenchmarks
{
    private const string DirectBody = """
        {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1","eventTime":"2026-11-22T03:04:05.678Z","eventName":"ObjectCreated:Put","userIdentity":{"principalId":"AWS:AIDAEXAMPLE"},"requestParameters":{"sourceIPAddress":"127.0.0.1"},"responseElements":{"x-amz-request-id":"C3D13FE58DE4C810","x-amz-id-2":"FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD"},"s3":{"s3SchemaVersion":"1.0","configurationId":"filepipeline","bucket":{"name":"uploads","ownerIdentity":{"principalId":"A3NL1KOZZKExample"},"arn":"arn:aws:s3:::uploads"},"object":{"key":"reports%2F2026%2Fq4+summary+%2B+notes.txt","size":1024,"eTag":"d41d8cd98f00b204e9800998ecf8427e","versionId":"096fKKXTRTtl3on89fVO.nfljtsv6qko","sequencer":"0055AED6DCD90281E5"}}}]}
        """;

    // The message as SNS escapes it: each quote as \" (the body has no other character JSON must escape). Serializing it
    // with System.Text.Json's default encoder would write \u0022 instead, six bytes to SNS's two.
    private static readonly string SnsBody =
        $$"""{"Type":"Notification","MessageId":"22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324","TopicArn":"arn:aws:sns:us-east-1:123456789012:uploads","Subject":"Amazon S3 Notification","Message":"{{DirectBody.Replace("\"", "\\\"", StringComparison.Ordinal)}}","Timestamp":"2026-11-22T03:04:05.700Z"}""";

    private static readonly string[] Batch = Enumerable.Repeat(DirectBody, 10).ToArray();

    private static readonly byte[] DirectBodyUtf8 = System.Text.Encoding.UTF8.GetBytes(DirectBody);

    [Benchmark(Baseline = true, Description = "one message: parse + decode + record + item")]
    public int OneMessage() => Handle(DirectBody);

    [Benchmark(Description = "one SNS-wrapped message")]
    public int OneSnsMessage() => Handle(SnsBody);

    [Benchmark(Description = "envelope parse only (key decoded)")]
    public Envelope ParseOnly() => EnvelopeParser.Parse(DirectBody);

    /// <summary>
    /// The floor any parser of this body pays here: a bare <see cref="System.Text.Json.Utf8JsonReader"/> pass over its
    /// UTF-8 bytes, each token read and none of them used. Measured in the same run, it is the handler's ceiling: the
    /// ratio of a message to it says how much the handler's own code costs, whatever the machine's speed that minute.
    /// </summary>
    [Benchmark(Description = "bare Utf8JsonReader pass over the body")]
    public int BareTokenize()
    {
        var reader = new System.Text.Json.Utf8JsonReader(DirectBodyUtf8);
        var tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }

    [Benchmark(OperationsPerInvoke = 10, Description = "batch of 10, per message")]
    public int BatchOfTen()
    {
        var items = 0;
        foreach (var body in Batch)
        {
            items += Handle(body);
        }

        return items;
    }

    /// <summary>What the processor does for one message before its requests: returns the item's attribute count.</summary>
    private static int Handle(string body)
    {
        var envelope = EnvelopeParser.Parse(body);
        var objectEvent = envelope.Events[0];
        var now = DateTimeOffset.UtcNow;
        var record = new FileRecord
        {
            Bucket = objectEvent.Bucket,
            Key = objectEvent.Key,
            Status = RecordStatus.Processed,
            EventName = objectEvent.EventName,
            EventTime = objectEvent.EventTime,
            Size = objectEvent.Size,
            ETag = objectEvent.ETag,
            VersionId = objectEvent.VersionId,
            Sequencer = objectEvent.Sequencer,
            ReceivedAt = now,
            ProcessedAt = now,
            Attempts = 1,
            MessageId = "3b4e0c2a-6f3c-4e0d-9a71-0c1f6f8d2b11",
            TraceId = "4bf92f3577b34da6a3ce929d0e0e4736",
        };
        // As RecordStore.TryWriteAsync builds its PutItem: the pooled item, with the revision added.
        using var item = PooledRecordItem.Rent(record);
        item.Item[RecordStore.RevisionAttribute] = item.Number("1");
        return item.Item.Count;
    }
}
