using System.Text.Json;
using System.Text.Json.Serialization;

namespace FilePipeline.AwsClients.Runtime;

/// <summary>AWS JSON blobs: a <see cref="MemoryStream"/> as base64 text.</summary>
public sealed class Base64MemoryStreamConverter : JsonConverter<MemoryStream>
{
    public override MemoryStream Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.GetBytesFromBase64());

    public override void Write(Utf8JsonWriter writer, MemoryStream value, JsonSerializerOptions options) =>
        writer.WriteBase64StringValue(value.TryGetBuffer(out var buffer) ? buffer.AsSpan() : value.ToArray());
}
