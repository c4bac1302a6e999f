using Amazon.Runtime;

namespace Amazon.SQS.Model;

/// <summary>Response of ListMessageMoveTasks.</summary>
public partial class ListMessageMoveTasksResponse : AmazonWebServiceResponse
{
    public List<ListMessageMoveTasksResultEntry>? Results { get; set; }
}
