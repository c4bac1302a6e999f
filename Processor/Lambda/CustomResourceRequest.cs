using System.Text.Json.Serialization;

namespace FilePipeline.Processor.Lambda;

/// <summary>
/// A CloudFormation custom-resource request (what CloudFormation invokes the function with for <c>Create</c>,
/// <c>Update</c> and <c>Delete</c>); the answer goes to <see cref="ResponseUrl"/>, a pre-signed S3 URL.
/// </summary>
public sealed record CustomResourceRequest(
    [property: JsonPropertyName("RequestType")] string RequestType,
    [property: JsonPropertyName("ResponseURL")] string ResponseUrl,
    [property: JsonPropertyName("StackId")] string StackId,
    [property: JsonPropertyName("RequestId")] string RequestId,
    [property: JsonPropertyName("ResourceType")] string? ResourceType,
    [property: JsonPropertyName("LogicalResourceId")] string LogicalResourceId,
    [property: JsonPropertyName("PhysicalResourceId")] string? PhysicalResourceId,
    [property: JsonPropertyName("ResourceProperties")] BucketNotificationProperties? ResourceProperties,
    [property: JsonPropertyName("OldResourceProperties")] BucketNotificationProperties? OldResourceProperties)
{
    /// <summary>The stack's account (from <see cref="StackId"/>, <c>arn:aws:cloudformation:region:account:stack/name/id</c>), if it reads as one.</summary>
    public string? Account => StackId.Split(':') is { Length: >= 6 } parts && parts[4].Length == 12 ? parts[4] : null;
}

/// <summary>The properties of the template's <c>Custom::BucketNotification</c> (CloudFormation passes every value as a string).</summary>
public sealed record BucketNotificationProperties(
    [property: JsonPropertyName("BucketName")] string? BucketName,
    [property: JsonPropertyName("ConfigurationId")] string? ConfigurationId,
    [property: JsonPropertyName("Routing")] string? Routing,
    [property: JsonPropertyName("DestinationArn")] string? DestinationArn,
    [property: JsonPropertyName("KeyPrefix")] string? KeyPrefix,
    [property: JsonPropertyName("KeySuffix")] string? KeySuffix);

/// <summary>The answer CloudFormation reads from the response URL.</summary>
public sealed record CustomResourceResponse(
    [property: JsonPropertyName("Status")] string Status,
    [property: JsonPropertyName("Reason"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason,
    [property: JsonPropertyName("PhysicalResourceId")] string PhysicalResourceId,
    [property: JsonPropertyName("StackId")] string StackId,
    [property: JsonPropertyName("RequestId")] string RequestId,
    [property: JsonPropertyName("LogicalResourceId")] string LogicalResourceId)
{
    public const string Success = "SUCCESS";

    public const string Failed = "FAILED";

    /// <summary>CloudFormation takes a response of at most 4096 bytes; the reason is cut to leave room for the rest.</summary>
    public const int MaxReasonLength = 2048;

    public static CustomResourceResponse For(CustomResourceRequest request, string status, string physicalResourceId, string? reason = null) =>
        new(status, reason is { Length: > MaxReasonLength } ? reason[..(MaxReasonLength - 1)] + "…" : reason, physicalResourceId, request.StackId, request.RequestId, request.LogicalResourceId);
}
