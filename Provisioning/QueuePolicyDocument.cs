using System.Text.Json.Serialization;

namespace FilePipeline.Provisioning;

/// <summary>An SQS queue policy in IAM's JSON shape (what the template's QueuePolicy declares).</summary>
public sealed record QueuePolicyDocument(
    [property: JsonPropertyName("Version")] string Version,
    [property: JsonPropertyName("Statement")] IReadOnlyList<QueuePolicyStatement> Statement);

public sealed record QueuePolicyStatement(
    [property: JsonPropertyName("Sid")] string Sid,
    [property: JsonPropertyName("Effect")] string Effect,
    [property: JsonPropertyName("Principal")] ServicePrincipal Principal,
    [property: JsonPropertyName("Action")] string Action,
    [property: JsonPropertyName("Resource")] string Resource,
    [property: JsonPropertyName("Condition")] PolicyCondition Condition);

public sealed record ServicePrincipal([property: JsonPropertyName("Service")] string Service);

public sealed record PolicyCondition(
    [property: JsonPropertyName("ArnEquals")] SourceArnCondition ArnEquals,
    [property: JsonPropertyName("StringEquals")] SourceAccountCondition StringEquals);

public sealed record SourceArnCondition([property: JsonPropertyName("aws:SourceArn")] string SourceArn);

public sealed record SourceAccountCondition([property: JsonPropertyName("aws:SourceAccount")] string SourceAccount);

[JsonSerializable(typeof(QueuePolicyDocument))]
internal sealed partial class ProvisioningJsonContext : JsonSerializerContext;
