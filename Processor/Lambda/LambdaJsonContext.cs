using System.Text.Json.Serialization;

namespace FilePipeline.Processor.Lambda;

/// <summary>
/// Source-generated JSON for what the Lambda host reads and writes (no reflection: trim/AOT safe), except the SQS event
/// and its response, which every invocation of the processor function reads and writes: those have readers and writers
/// of their own (<see cref="SqsEvent.Parse"/>, <see cref="SqsBatchResponse.ToUtf8Json"/>; the first use of this context
/// costs more than a first invocation may take).
/// </summary>
[JsonSerializable(typeof(RuntimeError))]
[JsonSerializable(typeof(CustomResourceRequest))]
[JsonSerializable(typeof(CustomResourceResponse))]
public sealed partial class LambdaJsonContext : JsonSerializerContext;
