namespace Amazon.SQS.Model;

/// <summary>Request of GetQueueUrl: the URL of a queue by name.</summary>
public partial class GetQueueUrlRequest : AmazonSQSRequest
{
    public GetQueueUrlRequest() { }

    public GetQueueUrlRequest(string queueName)
    {
        QueueName = queueName;
    }

    public string? QueueName { get; set; }

    public string? QueueOwnerAWSAccountId { get; set; }
}
