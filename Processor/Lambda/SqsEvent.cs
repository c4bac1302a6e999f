using System.Text.Json.Serialization;

namespace FilePipeline.Processor.Lambda;

/// <summary>The SQS event a Lambda event source mapping invokes the function with (Amazon.Lambda.SQSEvents' shape).</summary>
public sealed record SqsEvent([property: JsonPropertyName("Records")] IReadOnlyList<SqsEventRecord>? Records);

/// <summary>One message of an <see cref="SqsEvent"/>.</summary>
public sealed record SqsEventRecord(
    [property: JsonPropertyName("messageId")] string MessageId,
    [property: JsonPropertyName("receiptHandle")] string? ReceiptHandle,
    [property: JsonPropertyName("body")] string? Body,
    [property: JsonPropertyName("attributes")] IReadOnlyDictionary<string, string>? Attributes,
    [property: JsonPropertyName("eventSource")] string? EventSource,
    [property: JsonPropertyName("eventSourceARN")] string? EventSourceArn,
    [property: JsonPropertyName("awsRegion")] string? AwsRegion);
