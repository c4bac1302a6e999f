namespace FilePipeline.AppHost.Stack;

/// <summary>
/// The names and URLs of the stack's resources that services and verbs need (the template's Outputs).
/// Stand-in for Provisioning's <c>StackOutputs</c> until it is on main.
/// </summary>
public sealed record PipelineResources(
    string BucketName, string QueueUrl, string QueueArn, string DeadLetterQueueUrl, string TableName)
{
    /// <summary>The outputs as configuration in Aspire's convention: <c>AWS__Resources__&lt;OutputKey&gt;</c>.</summary>
    public IReadOnlyDictionary<string, string> ToEnvironment() => new Dictionary<string, string>
    {
        ["AWS__Resources__BucketName"] = BucketName,
        ["AWS__Resources__QueueUrl"] = QueueUrl,
        ["AWS__Resources__QueueArn"] = QueueArn,
        ["AWS__Resources__DeadLetterQueueUrl"] = DeadLetterQueueUrl,
        ["AWS__Resources__TableName"] = TableName,
    };
}
