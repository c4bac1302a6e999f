using System.Globalization;
using System.Text;
using CsCheck;
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
    public void Of_a_message_given_twice_the_last_counts_escaped_or_not()
    {
        // A notification's message has escapes (read into a copy); "[]" has none (read where it is in the body).
        var notification = System.Text.Json.JsonSerializer.Serialize(S3Events.Notification("uploads", "first.txt"), TestJsonContext.Default.String);

        var copiedLast = EnvelopeParser.Parse($$"""{"Message":"[]","Type":"Notification","Message":{{notification}}}""");
        var inPlaceLast = EnvelopeParser.Parse($$"""{"Type":"Notification","Message":{{notification}},"Message":"[]"}""");

        Assert.Equal("first.txt", Assert.Single(copiedLast.Events).Key);
        Assert.Equal((EnvelopeKind.NotS3Event, "JSON Array instead of an object"), (inPlaceLast.Kind, inPlaceLast.Reason));
    }

    [Fact]
    public void A_message_that_cannot_be_unescaped_matters_only_in_a_notification()
    {
        var records = S3Events.Notification("uploads", "a.txt");
        var withMessage = records[..^1] + ",\"Message\":\"\\udc00\"}";

        Assert.Equal("a.txt", Assert.Single(EnvelopeParser.Parse(withMessage).Events).Key);
        Assert.Contains("malformed JSON", EnvelopeParser.Parse("{\"Type\":\"Notification\",\"Message\":\"\\udc00\"}").Reason, StringComparison.Ordinal);
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
        Assert.Equal(("eventbridge", "ObjectCreated:Put", "a+b %2B.txt", "00AB"), (created.Source, c.EventName, c.Key, c.Sequencer));
        Assert.True(Assert.Single(deleted.Events).IsRemoved);
    }

    // AWS's documented EventBridge samples, "Event message structure examples" in
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html (Object created; Object deleted (using
    // DeleteObject); Object deleted (using lifecycle expiration)), with the page's list of reason and deletion-type values.
    private const string AwsObjectCreated = """
        {"version":"0","id":"17793124-05d4-b198-2fde-7ededc63b103","detail-type":"Object Created","source":"aws.s3",
         "account":"111122223333","time":"2021-11-12T00:00:00Z","region":"ca-central-1","resources":["arn:aws:s3:::amzn-s3-demo-bucket1"],
         "detail":{"version":"0","event-version":"1.1",
           "bucket":{"name":"amzn-s3-demo-bucket1","aws-generated-tags":{"aws:cloudformation:stack-name":"amzn-s3-demo-stack"}},
           "object":{"key":"example-key","size":5,"etag":"b1946ac92492d2347c6235b4d2611184","version-id":"IYV3p45BT0ac8hjHg1houSdS1a.Mro8e","sequencer":"617f08299329d189"},
           "request-id":"N4N7GDK58NMKJ12R","requester":"123456789012","source-ip-address":"1.2.3.4","reason":"PutObject"}}
        """;

    private const string AwsObjectDeleted = """
        {"version":"0","id":"2ee9cc15-d022-99ea-1fb8-1b1bac4850f9","detail-type":"Object Deleted","source":"aws.s3",
         "account":"111122223333","time":"2021-11-12T00:00:00Z","region":"ca-central-1","resources":["arn:aws:s3:::amzn-s3-demo-bucket1"],
         "detail":{"version":"0","event-version":"1.1","bucket":{"name":"amzn-s3-demo-bucket1"},
           "object":{"key":"example-key","etag":"d41d8cd98f00b204e9800998ecf8427e","version-id":"1QW9g1Z99LUNbvaaYVpW9xDlOLU.qxgF","sequencer":"617f0837b476e463"},
           "request-id":"0BH729840619AG5K","requester":"123456789012","source-ip-address":"1.2.3.4","reason":"DeleteObject","deletion-type":"Delete Marker Created"}}
        """;

    private const string AwsObjectExpired = """
        {"version":"0","id":"ad1de317-e409-eba2-9552-30113f8d88e3","detail-type":"Object Deleted","source":"aws.s3",
         "account":"111122223333","time":"2021-11-12T00:00:00Z","region":"ca-central-1","resources":["arn:aws:s3:::amzn-s3-demo-bucket1"],
         "detail":{"version":"0","event-version":"1.1","bucket":{"name":"amzn-s3-demo-bucket1"},
           "object":{"key":"example-key","etag":"d41d8cd98f00b204e9800998ecf8427e","version-id":"mtB0cV.jejK63XkRNceanNMC.qXPWLeK","sequencer":"617b398000000000"},
           "request-id":"20EB74C14654DC47","requester":"s3.amazonaws.com","reason":"Lifecycle Expiration","deletion-type":"Delete Marker Created"}}
        """;

    [Fact]
    public void Aws_documented_object_created_sample_gives_the_s3_event_name_and_every_object_field()
    {
        var envelope = EnvelopeParser.Parse(AwsObjectCreated);

        var e = Assert.Single(envelope.Events);
        Assert.Equal(
            ("eventbridge", "ObjectCreated:Put", "amzn-s3-demo-bucket1", "example-key", 5L),
            (envelope.Source, e.EventName, e.Bucket, e.Key, e.Size!.Value));
        Assert.Equal(
            ("b1946ac92492d2347c6235b4d2611184", "IYV3p45BT0ac8hjHg1houSdS1a.Mro8e", "617f08299329d189"),
            (e.ETag, e.VersionId, e.Sequencer));
        Assert.Equal(new DateTimeOffset(2021, 11, 12, 0, 0, 0, TimeSpan.Zero), e.EventTime);
        Assert.True(e.IsCreated);
    }

    [Fact]
    public void Aws_documented_delete_sample_is_a_delete_marker_created()
    {
        var e = Assert.Single(EnvelopeParser.Parse(AwsObjectDeleted).Events);

        Assert.Equal(("ObjectRemoved:DeleteMarkerCreated", "1QW9g1Z99LUNbvaaYVpW9xDlOLU.qxgF"), (e.EventName, e.VersionId));
        Assert.Null(e.Size);
        Assert.True(e.IsRemoved);
    }

    [Fact]
    public void Aws_documented_lifecycle_expiration_sample_is_a_lifecycle_removal()
    {
        var e = Assert.Single(EnvelopeParser.Parse(AwsObjectExpired).Events);

        Assert.Equal("LifecycleExpiration:DeleteMarkerCreated", e.EventName);
        Assert.True(e.IsRemoved);
        Assert.False(e.IsCreated);
    }

    [Theory]
    [InlineData("Object Created", "PutObject", null, "ObjectCreated:Put")]
    [InlineData("Object Created", "POST Object", null, "ObjectCreated:Post")]
    [InlineData("Object Created", "CopyObject", null, "ObjectCreated:Copy")]
    [InlineData("Object Created", "CompleteMultipartUpload", null, "ObjectCreated:CompleteMultipartUpload")]
    [InlineData("Object Deleted", "DeleteObject", "Permanently Deleted", "ObjectRemoved:Delete")]
    [InlineData("Object Deleted", "DeleteObject", "Delete Marker Created", "ObjectRemoved:DeleteMarkerCreated")]
    [InlineData("Object Deleted", "Lifecycle Expiration", "Permanently Deleted", "LifecycleExpiration:Delete")]
    [InlineData("Object Deleted", "Lifecycle Expiration", "Delete Marker Created", "LifecycleExpiration:DeleteMarkerCreated")]
    public void Every_documented_reason_and_deletion_type_gives_its_s3_event_name(string detailType, string reason, string? deletionType, string expected)
    {
        var sample = detailType == "Object Created" ? AwsObjectCreated : AwsObjectDeleted;
        var body = sample
            .Replace("\"reason\":\"PutObject\"", $"\"reason\":\"{reason}\"", StringComparison.Ordinal)
            .Replace("\"reason\":\"DeleteObject\",\"deletion-type\":\"Delete Marker Created\"",
                $"\"reason\":\"{reason}\",\"deletion-type\":\"{deletionType}\"", StringComparison.Ordinal);

        var e = Assert.Single(EnvelopeParser.Parse(body).Events);

        Assert.Equal(expected, e.EventName);
        Assert.Equal(detailType == "Object Deleted", e.IsRemoved);
    }

    [Theory]
    [InlineData("Object Created", "ObjectCreated", "ObjectCreated:*")]
    [InlineData("Object Deleted", "ObjectRemoved", "ObjectRemoved:*")]
    public void Moto_reasons_which_aws_does_not_document_give_the_wildcard_name_not_a_made_up_one(string detailType, string reason, string expected)
    {
        // moto 5.2.1 (moto/s3/notifications.py) puts the middle of its own event name in reason, spells the ETag eTag
        // and sends no deletion-type.
        var body = $$$"""
            {"version":"0","id":"e","detail-type":"{{{detailType}}}","source":"aws.s3","account":"123456789012","time":"2026-11-22T04:00:00Z",
             "region":"us-east-1","resources":["arn:aws:s3:::b"],
             "detail":{"version":"0","bucket":{"name":"b"},"object":{"key":"k","size":5,"eTag":"abc","version-id":null,"sequencer":"617f08299329d189"},
               "request-id":"N4N7GDK58NMKJ12R","requester":"123456789012","source-ip-address":"1.2.3.4","reason":"{{{reason}}}"}}
            """;

        var e = Assert.Single(EnvelopeParser.Parse(body).Events);

        Assert.Equal((expected, "abc"), (e.EventName, e.ETag));
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

    [Fact]
    public void Event_times_read_as_DateTimeOffset_TryParse_reads_them_whatever_their_form()
    {
        // The usual ISO form in UTC takes a faster path than the general parse; both must give the same time.
        var forms = Gen.Int[0, 10].Select(i => new[] {
            "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-ddTHH:mm:ss.fZ", "yyyy-MM-ddTHH:mm:ss.fffZ", "yyyy-MM-ddTHH:mm:ss.fffffffZ",
            "yyyy-MM-ddTHH:mm:ss.ffffffZ", "yyyy-MM-ddTHH:mmZ", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.fffzzz", "yyyy-MM-dd HH:mm:ssZ",
            "yyyy-MM-ddTHH:mm:ss.fffffff00Z", "r" }[i]);
        var times = Gen.Select(Gen.DateTime[new DateTime(1900, 1, 1), new DateTime(2200, 1, 1)], Gen.Int[-14 * 60, 14 * 60], forms,
            (time, offsetMinutes, form) => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Unspecified), TimeSpan.FromMinutes(offsetMinutes)).ToString(form, CultureInfo.InvariantCulture));
        times.Sample(text =>
        {
            var body = S3Events.Notification("uploads", "a.txt", eventTime: text);
            DateTimeOffset? expected = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
                ? parsed
                : null;

            var actual = Assert.Single(EnvelopeParser.Parse(body).Events).EventTime;

            Assert.Equal(expected, actual);
            Assert.Equal(expected?.Offset, actual?.Offset);
        }, iter: 20_000);
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
    public void Keys_decode_from_the_body_bytes_as_the_string_decoder_decodes_them()
    {
        // The parser decodes a key straight from the body's UTF-8 (runs between escapes copied whole); the string
        // decoder (Uri.UnescapeDataString) is the reference, escapes that are incomplete or not UTF-8 included.
        string[] pieces = ["a", "Z", "0", "f", "F", "/", " ", ".", "é", "文", "😀", "+", "%", "%2", "%2B", "%2b", "%25", "%20",
            "%2F", "%C3", "%A9", "%E6%96%87", "%F0%9F%98%80", "%F0%9F", "%ZZ", "%G1", "%%", "+%", "%+", "reports-2026-q4-summary-and-notes"];
        Gen.Int[0, pieces.Length - 1].Select(i => pieces[i]).Array[1, 16].Select(parts => string.Concat(parts)).Sample(encoded =>
        {
            var envelope = EnvelopeParser.Parse(S3Events.Notification("uploads", encoded));

            Assert.Equal(ObjectKey.DecodeForm(encoded), Assert.Single(envelope.Events).Key);
        }, iter: 20_000);
    }

    [Fact]
    public void Each_event_names_its_own_bucket_whatever_bucket_the_last_one_named()
    {
        // The parser keeps the last bucket name it read (the same name again costs no string): events of other buckets,
        // read one after another and on threads at the same time, must still each name their own.
        string[] buckets = ["uploads", "photos", "uploads-eu", "u", new string('b', 63), new string('c', 64)];

        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var bucket = buckets[i * 7 % buckets.Length];

            var envelope = EnvelopeParser.Parse(S3Events.Notification(bucket, $"{bucket}.txt"));

            Assert.Equal(bucket, Assert.Single(envelope.Events).Bucket);
        });
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
