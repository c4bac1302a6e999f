using System.Text.Json.Serialization;

namespace FilePipeline.Processor.Lambda;

/// <summary>Source-generated JSON for everything the Lambda host reads and writes (no reflection: trim/AOT safe).</summary>
[JsonSerializable(typeof(SqsEvent))]
[JsonSerializable(typeof(SqsBatchResponse))]
[JsonSerializable(typeof(RuntimeError))]
[JsonSerializable(typeof(CustomResourceRequest))]
[JsonSerializable(typeof(CustomResourceResponse))]
public sealed partial class LambdaJsonContext : JsonSerializerContext;
