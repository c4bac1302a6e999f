using System.Text;
using System.Text.Json;
using FilePipeline.Processor.Lambda;

namespace FilePipeline.Tests.Processor;

/// <summary>
/// The SQS event's reader and the batch response's writer (hand-written, for the first invocation's sake) against the
/// source-generated serializer they replace: the same events read, the same documents rejected, the same bytes written.
/// </summary>
public sealed class LambdaEventJsonTests
{
    private const string QueueArn = "arn:aws:sqs:us-east-1:123456789012:events";

    public static TheoryData<string> Events() =>
    [
        SqsEvents.Batch(QueueArn, ("a", "ok"), ("b", "with \"quotes\", \\ escapes, ünïcode, \u2028 and <html>&")),
        """{"Records":[]}""",
        """{"Records":null}""",
        "{}",
        """{"records":[{"messageId":"lower-case name"}],"Other":{"nested":[1,2.5,true,{"a":null}]}}""",
        """{"Records":[{"messageId":"1","messageId":"2","attributes":{"k":"v","k":"w","SentTimestamp":"5"}}]}""",
        """{"Records":[{"messageId":null,"body":null,"attributes":null,"eventSourceARN":null}]}""",
        """{"Records":[null]}""",
        """{"Records":[{"messageId":"first"}],"Records":[{"messageId":"second"}]}""",
        " \n {\"Records\":[{\"messageId\":\"\\u0041\",\"body\":\"\\ud83d\\ude00\"}]} \r\n ",
    ];

    public static TheoryData<string> NotEvents() =>
    [
        "",
        "   ",
        "null",
        "[]",
        "\"text\"",
        "5",
        "{",
        """{"Records":[]""",
        """{"Records":5}""",
        """{"Records":{}}""",
        """{"Records":[5]}""",
        """{"Records":[[]]}""",
        """{"Records":[{"messageId":5}]}""",
        """{"Records":[{"messageId":"a","attributes":{"k":1}}]}""",
        """{"Records":[{"messageId":"a","attributes":[]}]}""",
        """{"Records":[]} x""",
        """{"Records":[]}{}""",
        """{"Records":[],}""",
        """{/* comment */"Records":[]}""",
        """{'Records':[]}""",
    ];

    [Theory]
    [MemberData(nameof(Events))]
    public void Reader_reads_what_the_serializer_read(string json)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        var expected = JsonSerializer.Deserialize(utf8, TestJsonContext.Default.SqsEvent)!;

        var parsed = SqsEvent.Parse(utf8);

        Assert.Equal(JsonSerializer.Serialize(expected, TestJsonContext.Default.SqsEvent), JsonSerializer.Serialize(parsed, TestJsonContext.Default.SqsEvent));
    }

    [Theory]
    [MemberData(nameof(NotEvents))]
    public void Reader_rejects_what_the_serializer_rejected_with_the_same_exception_type(string json)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        // The serializer gave null for JSON null, and the handler turned that into a JsonException of its own.
        var expected = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(utf8, TestJsonContext.Default.SqsEvent) ?? throw new JsonException("null"));

        var error = Assert.ThrowsAny<JsonException>(() => SqsEvent.Parse(utf8));

        // The type name is the invocation's error type (Runtime.JsonException).
        Assert.Equal(expected.GetType(), error.GetType());
        Assert.False(string.IsNullOrEmpty(error.Message));
    }

    [Fact]
    public void Reader_keeps_the_fields_the_handler_uses()
    {
        var parsed = SqsEvent.Parse(Encoding.UTF8.GetBytes(SqsEvents.Batch(QueueArn, ("m-1", "{\"a\":1}"))));

        var record = Assert.Single(parsed.Records!);
        Assert.Equal(("m-1", "rh-m-1", "{\"a\":1}", "aws:sqs", QueueArn, "us-east-1"), (record.MessageId, record.ReceiptHandle, record.Body, record.EventSource, record.EventSourceArn, record.AwsRegion));
        Assert.Equal("1", record.Attributes!["ApproximateReceiveCount"]);
        Assert.Equal("1763784000000", record.Attributes["SentTimestamp"]);
    }

    private static readonly string?[][] FailedIdSets =
    [
        [],
        ["a"],
        ["a", "b", "c"],
        ["<tag>&'\"+\\/", "ünïcode", "\u2028\u0001", "😀"],
        [null],
    ];

    public static TheoryData<int> FailedIds() => [.. Enumerable.Range(0, FailedIdSets.Length)];

    [Theory]
    [MemberData(nameof(FailedIds))]
    public void Writer_writes_the_bytes_the_serializer_wrote(int set)
    {
        var response = new SqsBatchResponse([.. FailedIdSets[set].Select(id => new BatchItemFailure(id!))]);

        Assert.Equal(
            Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(response, TestJsonContext.Default.SqsBatchResponse)),
            Encoding.UTF8.GetString(response.ToUtf8Json()));
    }
}
