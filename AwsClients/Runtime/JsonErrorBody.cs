using System.Text.Json.Serialization;

namespace FilePipeline.AwsClients.Runtime;

/// <summary>The body of an AWS JSON error.</summary>
public sealed record JsonErrorBody(
    [property: JsonPropertyName("__type")] string? Type,
    [property: JsonPropertyName("code")] string? Code,
    [property: JsonPropertyName("Message")] string? Message,
    [property: JsonPropertyName("message")] string? LowerMessage);
