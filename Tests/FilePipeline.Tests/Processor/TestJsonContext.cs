using System.Text.Json.Serialization;

namespace FilePipeline.Tests.Processor;

[JsonSerializable(typeof(string))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
