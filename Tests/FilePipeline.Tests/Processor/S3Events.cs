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
}
