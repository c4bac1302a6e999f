using Amazon.Runtime;

namespace Amazon.SQS.Model;

/// <summary>Response of SendMessage.</summary>
public partial class SendMessageResponse : AmazonWebServiceResponse
{
    public string? MessageId { get; set; }

    public string? MD5OfMessageBody { get; set; }

    public string? MD5OfMessageAttributes { get; set; }

    public string? MD5OfMessageSystemAttributes { get; set; }

    public string? SequenceNumber { get; set; }
}
