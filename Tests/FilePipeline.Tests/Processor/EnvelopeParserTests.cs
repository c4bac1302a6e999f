using System.Text;
using FilePipeline.Processor.Events;

namespace FilePipeline.Tests.Processor;

public sealed class EnvelopeParserTests
{
    [Fact]
    public void Direct_S3_notification_gives_its_object_event()
    {
        var envelope = EnvelopeParser.Parse(S3Events.Notification("uploads", "docs/a.txt", size: 42, sequencer: "0055AED6DCD90281E5"));

        Assert.Equal(EnvelopeKind.ObjectEvents, envelope.Kind);
        var e = Assert.Single(envelope.Events);
        Assert.Equal(("ObjectCreated:Put", "uploads", "docs/a.txt", 42L, "0055AED6DCD90281E5"), (e.EventName, e.Bucket, e.Key, e.Size!.Value, e.Sequencer));
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 4, 0, 0, 123, TimeSpan.Zero), e.EventTime);
        Assert.True(e.IsCreated);
    }

    [Fact]
    public void Sns_wrapped_notification_is_unwrapped()
    {
        var envelope = EnvelopeParser.Parse(S3Events.Sns(S3Events.Notification("uploads", "a+b.txt", "ObjectRemoved:Delete")));

        Assert.Equal(("sns", EnvelopeKind.ObjectEvents), (envelope.Source, envelope.Kind));
        var e = Assert.Single(envelope.Events);
        Assert.Equal("a b.txt", e.Key);
        Assert.True(e.IsRemoved);
    }

    [Fact]
    public void Raw_sns_delivery_is_the_s3_notification_itself()
    {
        // Raw message delivery puts the S3 JSON in the body unchanged: the direct shape.
        var envelope = EnvelopeParser.Parse(S3Events.Notification("uploads", "raw.txt"));

        Assert.Equal("raw.txt", Assert.Single(envelope.Events).Key);
    }

    [Fact]
    public void EventBridge_events_map_to_created_and_removed_with_keys_not_decoded()
    {
        var created = EnvelopeParser.Parse(S3Events.EventBridge("uploads", "a+b %2B.txt", sequencer: "00AB"));
        var deleted = EnvelopeParser.Parse(S3Events.EventBridge("uploads", "x.txt", "Object Deleted"));

        var c = Assert.Single(created.Events);
        Assert.Equal(("eventbridge", "ObjectCreated:PutObject", "a+b %2B.txt", "00AB"), (created.Source, c.EventName, c.Key, c.Sequencer));
        Assert.True(Assert.Single(deleted.Events).IsRemoved);
    }

    [Fact]
    public void Version_id_null_of_an_unversioned_bucket_is_no_version()
    {
        var unversioned = S3Events.EventBridge("shared", "uploads/a.txt").Replace("\"object\":{", "\"object\":{\"version-id\": \"null\", ", StringComparison.Ordinal);
        var versioned = S3Events.EventBridge("shared", "uploads/a.txt").Replace("\"object\":{", "\"object\":{\"version-id\": \"3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY\", ", StringComparison.Ordinal);

        Assert.Null(Assert.Single(EnvelopeParser.Parse(unversioned).Events).VersionId);
        Assert.Equal("3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY", Assert.Single(EnvelopeParser.Parse(versioned).Events).VersionId);
    }

    [Fact]
    public void Test_events_are_recognised_direct_and_through_sns()
    {
        Assert.Equal(EnvelopeKind.TestEvent, EnvelopeParser.Parse(S3Events.TestEvent("uploads")).Kind);
        Assert.Equal(EnvelopeKind.TestEvent, EnvelopeParser.Parse(S3Events.Sns(S3Events.TestEvent("uploads"))).Kind);
    }

    [Theory]
    [InlineData("", "empty body")]
    [InlineData("{not json", "malformed JSON")]
    [InlineData("[1,2,3]", "instead of an object")]
    [InlineData("{\"hello\":\"world\"}", "without Records")]
    [InlineData("{\"Records\":[]}", "Records is empty")]
    [InlineData("{\"Records\":[{\"eventSource\":\"aws:sqs\"}]}", "not aws:s3")]
    [InlineData("{\"Records\":[{\"eventSource\":\"aws:s3\",\"s3\":{}}]}", "lacks eventName")]
    [InlineData("{\"Type\":\"Notification\",\"Message\":\"not json\"}", "SNS message is not JSON")]
    [InlineData("{\"source\":\"aws.s3\",\"detail-type\":\"Object Restore Completed\"}", "not Object Created/Deleted")]
    public void Anything_else_is_classified_with_a_reason(string body, string reason)
    {
        var envelope = EnvelopeParser.Parse(body);

        Assert.Equal(EnvelopeKind.NotS3Event, envelope.Kind);
        Assert.Contains(reason, envelope.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_records_array_of_ten_thousand_entries_is_refused()
    {
        var one = """{"eventSource":"aws:s3","eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"},"object":{"key":"k"}}}""";
        var body = "{\"Records\":[" + string.Join(',', Enumerable.Repeat(one, 10_000)) + "]}";

        var envelope = EnvelopeParser.Parse(body);

        Assert.Equal(EnvelopeKind.NotS3Event, envelope.Kind);
        Assert.Contains("10000 entries", envelope.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Deeply_nested_json_is_classified_not_thrown()
    {
        var body = new string('[', 10_000) + new string(']', 10_000);

        Assert.Equal(EnvelopeKind.NotS3Event, EnvelopeParser.Parse(body).Kind);
    }

    [Theory]
    [InlineData("a+b.txt", "a b.txt")]
    [InlineData("a%2Bb.txt", "a+b.txt")]
    [InlineData("dir%2Fsub%2Ffile.txt", "dir/sub/file.txt")]
    [InlineData("dir/sub/file.txt", "dir/sub/file.txt")]
    [InlineData("%C3%BCn%C3%AFc%C3%B8d%C3%A9+%E6%96%87%E4%BB%B6.txt", "ünïcødé 文件.txt")]
    [InlineData("%F0%9F%98%80.png", "😀.png")]
    [InlineData("100%25+done.txt", "100% done.txt")]
    [InlineData("bad%ZZescape.txt", "bad%ZZescape.txt")]
    public void Keys_are_decoded_with_form_semantics(string encoded, string expected)
    {
        var envelope = EnvelopeParser.Parse(S3Events.Notification("uploads", encoded));

        Assert.Equal(expected, Assert.Single(envelope.Events).Key);
    }

    [Fact]
    public void A_1024_byte_key_is_decoded_whole()
    {
        var key = string.Concat(Enumerable.Repeat("é+/", 1020 / 4)) + "abcd"; // 'é' is 2 bytes in UTF-8
        Assert.Equal(1024, Encoding.UTF8.GetByteCount(key));
        var encoded = Uri.EscapeDataString(key).Replace("%20", "+", StringComparison.Ordinal);

        var envelope = EnvelopeParser.Parse(S3Events.Notification("uploads", encoded));

        Assert.Equal(key, Assert.Single(envelope.Events).Key);
    }
}
