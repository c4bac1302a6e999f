namespace Amazon.SQS.Model;

/// <summary>Request of PurgeQueue.</summary>
public partial class PurgeQueueRequest : AmazonSQSRequest
{
    public PurgeQueueRequest() { }

    public PurgeQueueRequest(string queueUrl)
    {
        QueueUrl = queueUrl;
    }

    public string? QueueUrl { get; set; }
}
