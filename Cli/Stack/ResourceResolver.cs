using FilePipeline.Cli.Commands;
using FilePipeline.Provisioning;

namespace FilePipeline.Cli.Stack;

/// <summary>
/// Finds the stack's resources for a verb: configuration first (<c>AWS__Resources__*</c>, as a service gets
/// it), else the outputs of the stack itself (<c>DescribeStacks</c>, local emulator or AWS).
/// </summary>
public static class ResourceResolver
{
    public static async Task<PipelineResources> ResolveAsync(StackTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        string? Config(string key) => Environment.GetEnvironmentVariable(StackOutputs.EnvironmentPrefix + key);
        if (Config("BucketName") is { Length: > 0 } bucket)
        {
            return new PipelineResources(
                bucket,
                Config("QueueUrl") ?? "",
                Config("QueueArn") ?? "",
                Config("DeadLetterQueueUrl") ?? "",
                Config("TableName") ?? "");
        }

        using var provisioner = new StackProvisioner(target.Settings());
        var outputs = await provisioner.FindAsync(target.StackName, cancellationToken);
        return outputs is null
            ? throw new StackTargetException(
                $"Cannot find stack '{target.StackName}' {(target.IsLocal ? $"at {target.Endpoint}" : "in AWS")}: "
                + "start the AppHost (local) or deploy it, pass --stack, or set AWS__Resources__BucketName and the other outputs.")
            : PipelineResources.From(outputs);
    }
}
