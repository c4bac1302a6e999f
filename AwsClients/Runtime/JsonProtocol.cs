namespace FilePipeline.AwsClients.Runtime;

/// <summary>What an AWS JSON service's requests share.</summary>
/// <param name="ServiceName">The SDK's service name for the request (e.g. <c>Amazon.SQS</c>).</param>
/// <param name="TargetPrefix">The <c>X-Amz-Target</c> prefix (e.g. <c>AmazonSQS</c>).</param>
/// <param name="JsonVersion">1.0 or 1.1.</param>
/// <param name="QueryCompatible">The service also has a query API (errors carry <c>x-amzn-query-error</c>).</param>
public sealed record JsonProtocol(string ServiceName, string TargetPrefix, string JsonVersion, bool QueryCompatible)
{
    public string ContentType => $"application/x-amz-json-{JsonVersion}";
}
