using Amazon.Runtime.Internal;

namespace FilePipeline.CloudFormationClient.Runtime;

/// <summary>The service metadata a client reports to the pipeline.</summary>
public sealed class ClientMetadata(string serviceId) : IServiceMetadata
{
    public string ServiceId { get; } = serviceId;

    public IDictionary<string, string> OperationNameMapping { get; } = new Dictionary<string, string>();
}
