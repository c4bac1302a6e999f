using FilePipeline.Provisioning;

namespace FilePipeline.Cli.Stack;

/// <summary>
/// The stack outputs a verb needs: from configuration (<c>AWS__Resources__*</c>, possibly only some of them)
/// or from the stack's own outputs (<see cref="StackOutputs"/>).
/// </summary>
public sealed record PipelineResources(
    string BucketName, string QueueUrl, string QueueArn, string DeadLetterQueueUrl, string TableName)
{
    public static PipelineResources From(StackOutputs outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        return new(outputs.BucketName, outputs.QueueUrl, outputs.QueueArn, outputs.DeadLetterQueueUrl, outputs.TableName);
    }
}
