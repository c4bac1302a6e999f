namespace Amazon.SQS.Model;

/// <summary>Request of GetQueueAttributes.</summary>
public partial class GetQueueAttributesRequest : AmazonSQSRequest
{
    public GetQueueAttributesRequest() { }

    public GetQueueAttributesRequest(string queueUrl, List<string> attributeNames)
    {
        QueueUrl = queueUrl;
        AttributeNames = attributeNames;
    }

    public string? QueueUrl { get; set; }

    public List<string>? AttributeNames { get; set; }
}
