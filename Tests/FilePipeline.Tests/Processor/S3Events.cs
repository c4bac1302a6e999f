namespace FilePipeline.Tests.Processor;

/// <summary>Builds event bodies in the shapes S3, SNS and EventBridge deliver them.</summary>
internal static class S3Events
{
    public static string Notification(string bucket, string encodedKey, string eventName = "ObjectCreated:Put",
        long size = 0, string? sequencer = null, string eventTime = "2026-11-22T04:00:00.123Z") =>
        $$$$"""
        {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1","eventTime":"{{{{eventTime}}}}",
          "eventName":"{{{{eventName}}}}","userIdentity":{"principalId":"AWS:X"},
          "s3":{"s3SchemaVersion":"1.0","configurationId":"c","bucket":{"name":"{{{{bucket}}}}","arn":"arn:aws:s3:::{{{{bucket}}}}"},
          "object":{"key":"{{{{encodedKey}}}}","size":{{{{size}}}},"eTag":"0123456789abcdef0123456789abcdef"{{{{(sequencer is null ? "" : $",\"sequencer\":\"{sequencer}\"")}}}}}}}]}
        """;

    public static string Sns(string message, bool quoteMessage = true) =>
        $$$$"""
        {"Type":"Notification","MessageId":"m-1","TopicArn":"arn:aws:sns:us-east-1:123456789012:t","Subject":"Amazon S3 Notification",
         "Message":{{{{System.Text.Json.JsonSerializer.Serialize(message, TestJsonContext.Default.String)}}}},"Timestamp":"2026-11-22T04:00:00.000Z"}
        """;

    public static string EventBridge(string bucket, string key, string detailType = "Object Created", string? sequencer = null) =>
        $$$$"""
        {"version":"0","id":"e-1","detail-type":"{{{{detailType}}}}","source":"aws.s3","account":"123456789012",
         "time":"2026-11-22T04:00:00Z","region":"us-east-1","resources":["arn:aws:s3:::{{{{bucket}}}}"],
         "detail":{"version":"0","bucket":{"name":"{{{{bucket}}}}"},
           "object":{"key":{{{{System.Text.Json.JsonSerializer.Serialize(key, TestJsonContext.Default.String)}}}},"size":5,"etag":"abc"{{{{(sequencer is null ? "" : $",\"sequencer\":\"{sequencer}\"")}}}}},
           "request-id":"r","requester":"123456789012","reason":"PutObject"}}
        """;

    public static string TestEvent(string bucket) =>
        $$$$"""{"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2026-11-22T04:00:00.000Z","Bucket":"{{{{bucket}}}}","RequestId":"r","HostId":"h"}""";

    /// <summary>
    /// An event in the shape of AWS's documented example notification (S3 user guide, "Event message structure":
    /// eventVersion 2.1, userIdentity, requestParameters, responseElements, ownerIdentity, and an object with a
    /// versionId and a sequencer), for the given object. A removal carries no size and no eTag, as S3 sends it.
    /// </summary>
    public static string AwsSample(
        string bucket, string key, string eventName, long? size, string? etag, string? versionId, string sequencer, DateTimeOffset eventTime)
    {
        var encodedKey = System.Net.WebUtility.UrlEncode(key);
        var time = eventTime.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
        var measured = size is { } bytes ? $"\"size\":{bytes},\"eTag\":\"{etag}\"," : "";
        var version = versionId is null ? "" : $"\"versionId\":\"{versionId}\",";
        return $$$$"""
            {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-west-2","eventTime":"{{{{time}}}}",
              "eventName":"{{{{eventName}}}}","userIdentity":{"principalId":"AIDAJDPLRKLG7UEXAMPLE"},
              "requestParameters":{"sourceIPAddress":"172.16.0.1"},
              "responseElements":{"x-amz-request-id":"C3D13FE58DE4C810","x-amz-id-2":"FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD"},
              "s3":{"s3SchemaVersion":"1.0","configurationId":"testConfigRule",
                "bucket":{"name":"{{{{bucket}}}}","ownerIdentity":{"principalId":"A3NL1KOZZKExample"},"arn":"arn:aws:s3:::{{{{bucket}}}}"},
                "object":{"key":"{{{{encodedKey}}}}",{{{{measured}}}}{{{{version}}}}"sequencer":"{{{{sequencer}}}}"}}}]}
            """;
    }

    /// <summary>
    /// The <paramref name="n"/>th sequencer of one key, in the documented example's form (18 hex digits, growing with
    /// each change of the key, as S3's do).
    /// </summary>
    public static string Sequencer(int n) => "00" + (0x55AED6DCD90281E5UL + (ulong)n).ToString("X16", System.Globalization.CultureInfo.InvariantCulture);
}
