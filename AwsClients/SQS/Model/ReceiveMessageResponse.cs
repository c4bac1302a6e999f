using Amazon.Runtime;

namespace Amazon.SQS.Model;

/// <summary>Response of ReceiveMessage; <c>Messages</c> is null when none arrived.</summary>
public partial class ReceiveMessageResponse : AmazonWebServiceResponse
{
    public List<Message>? Messages { get; set; }
}
