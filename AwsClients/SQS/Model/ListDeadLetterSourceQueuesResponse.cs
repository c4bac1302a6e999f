using Amazon.Runtime;
using System.Text.Json.Serialization;

namespace Amazon.SQS.Model;

/// <summary>Response of ListDeadLetterSourceQueues (the wire name is <c>queueUrls</c>).</summary>
public partial class ListDeadLetterSourceQueuesResponse : AmazonWebServiceResponse
{
    [JsonPropertyName("queueUrls")]
    public List<string>? QueueUrls { get; set; }

    public string? NextToken { get; set; }
}
