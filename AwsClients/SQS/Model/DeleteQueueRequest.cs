namespace Amazon.SQS.Model;

/// <summary>Request of DeleteQueue.</summary>
public partial class DeleteQueueRequest : AmazonSQSRequest
{
    public DeleteQueueRequest() { }

    public DeleteQueueRequest(string queueUrl)
    {
        QueueUrl = queueUrl;
    }

    public string? QueueUrl { get; set; }
}
