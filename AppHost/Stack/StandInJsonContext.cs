using System.Text.Json.Serialization;

namespace FilePipeline.AppHost.Stack;

[JsonSerializable(typeof(Dictionary<string, object>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class StandInJsonContext : JsonSerializerContext;
