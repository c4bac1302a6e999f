namespace Amazon.SQS.Model;

/// <summary>Request of ReceiveMessage: long polling with <c>WaitTimeSeconds</c>, system attributes by <c>MessageSystemAttributeNames</c>, message attributes by <c>MessageAttributeNames</c>.</summary>
public partial class ReceiveMessageRequest : AmazonSQSRequest
{
    public ReceiveMessageRequest() { }

    public ReceiveMessageRequest(string queueUrl)
    {
        QueueUrl = queueUrl;
    }

    public string? QueueUrl { get; set; }

    public List<string>? MessageSystemAttributeNames { get; set; }

    public List<string>? MessageAttributeNames { get; set; }

    public int? MaxNumberOfMessages { get; set; }

    public int? VisibilityTimeout { get; set; }

    public int? WaitTimeSeconds { get; set; }

    public string? ReceiveRequestAttemptId { get; set; }
}
