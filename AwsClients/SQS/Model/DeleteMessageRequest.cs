namespace Amazon.SQS.Model;

/// <summary>Request of DeleteMessage.</summary>
public partial class DeleteMessageRequest : AmazonSQSRequest
{
    public DeleteMessageRequest() { }

    public DeleteMessageRequest(string queueUrl, string receiptHandle)
    {
        QueueUrl = queueUrl;
        ReceiptHandle = receiptHandle;
    }

    public string? QueueUrl { get; set; }

    public string? ReceiptHandle { get; set; }
}
