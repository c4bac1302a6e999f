using System.Text.Json.Serialization;

namespace FilePipeline.AwsClients.Runtime;

[JsonSerializable(typeof(JsonErrorBody))]
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false)]
internal sealed partial class ProtocolJsonContext : JsonSerializerContext;
