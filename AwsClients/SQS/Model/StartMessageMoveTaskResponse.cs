using Amazon.Runtime;

namespace Amazon.SQS.Model;

/// <summary>Response of StartMessageMoveTask.</summary>
public partial class StartMessageMoveTaskResponse : AmazonWebServiceResponse
{
    public string? TaskHandle { get; set; }
}
