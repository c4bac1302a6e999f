using System.Text.Json.Serialization;

namespace FilePipeline.Benchmarks;

[JsonSerializable(typeof(string))]
internal sealed partial class BenchmarkJsonContext : JsonSerializerContext;
