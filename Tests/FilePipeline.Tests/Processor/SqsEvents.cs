using System.Text.Json;

namespace FilePipeline.Tests.Processor;

/// <summary>SQS events as a Lambda event source mapping delivers them.</summary>
internal static class SqsEvents
{
    public static string Batch(string queueArn, params (string Id, string Body)[] messages) =>
        "{\"Records\":[" + string.Join(',', messages.Select(m => $$"""
            {"messageId":"{{m.Id}}","receiptHandle":"rh-{{m.Id}}","body":{{JsonSerializer.Serialize(m.Body, TestJsonContext.Default.String)}},
             "attributes":{"ApproximateReceiveCount":"1","SentTimestamp":"1763784000000","SenderId":"X","ApproximateFirstReceiveTimestamp":"1763784000001"},
             "messageAttributes":{},"md5OfBody":"x","eventSource":"aws:sqs","eventSourceARN":"{{queueArn}}","awsRegion":"us-east-1"}
            """)) + "]}";
}
