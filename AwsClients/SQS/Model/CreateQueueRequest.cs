using System.Text.Json.Serialization;

namespace Amazon.SQS.Model;

/// <summary>Request of CreateQueue.</summary>
public partial class CreateQueueRequest : AmazonSQSRequest
{
    public CreateQueueRequest() { }

    public CreateQueueRequest(string queueName)
    {
        QueueName = queueName;
    }

    public string? QueueName { get; set; }

    public Dictionary<string, string>? Attributes { get; set; }

    [JsonPropertyName("tags")]
    public Dictionary<string, string>? Tags { get; set; }
}
