namespace FilePipeline.CloudFormationClient.Runtime;

/// <summary>What an AWS query-protocol service's requests share.</summary>
/// <param name="ServiceName">The SDK's service name for the request (e.g. <c>Amazon.CloudFormation</c>).</param>
/// <param name="Version">The API version sent as <c>Version</c>.</param>
public sealed record QueryProtocol(string ServiceName, string Version);
