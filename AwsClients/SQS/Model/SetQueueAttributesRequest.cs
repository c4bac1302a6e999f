namespace Amazon.SQS.Model;

/// <summary>Request of SetQueueAttributes.</summary>
public partial class SetQueueAttributesRequest : AmazonSQSRequest
{
    public SetQueueAttributesRequest() { }

    public SetQueueAttributesRequest(string queueUrl, Dictionary<string, string> attributes)
    {
        QueueUrl = queueUrl;
        Attributes = attributes;
    }

    public string? QueueUrl { get; set; }

    public Dictionary<string, string>? Attributes { get; set; }
}
