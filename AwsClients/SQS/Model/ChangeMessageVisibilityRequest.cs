namespace Amazon.SQS.Model;

/// <summary>Request of ChangeMessageVisibility.</summary>
public partial class ChangeMessageVisibilityRequest : AmazonSQSRequest
{
    public ChangeMessageVisibilityRequest() { }

    public ChangeMessageVisibilityRequest(string queueUrl, string receiptHandle, int visibilityTimeout)
    {
        QueueUrl = queueUrl;
        ReceiptHandle = receiptHandle;
        VisibilityTimeout = visibilityTimeout;
    }

    public string? QueueUrl { get; set; }

    public string? ReceiptHandle { get; set; }

    public int? VisibilityTimeout { get; set; }
}
