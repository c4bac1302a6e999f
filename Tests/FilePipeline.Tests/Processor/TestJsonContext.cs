using System.Text.Json.Serialization;
using FilePipeline.Processor.Lambda;

namespace FilePipeline.Tests.Processor;

/// <summary>The SQS event and response through the source-generated serializer: what the hand-written reader and writer must match.</summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(SqsEvent))]
[JsonSerializable(typeof(SqsBatchResponse))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
