using FilePipeline.AppHost.Commands;

namespace FilePipeline.AppHost.Stack;

/// <summary>
/// Finds the stack's resources for a verb: configuration first (<c>AWS__Resources__*</c>, as a service gets
/// it), else the stack itself. Until Provisioning's stack outputs are on main, "the stack itself" is the
/// local stand-in's naming (<see cref="LocalStandInProvisioner"/>).
/// </summary>
public static class ResourceResolver
{
    public static Task<PipelineResources> ResolveAsync(StackTarget target, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        string? Config(string key) => Environment.GetEnvironmentVariable("AWS__Resources__" + key);
        if (Config("BucketName") is { Length: > 0 } bucket)
        {
            return Task.FromResult(new PipelineResources(
                bucket,
                Config("QueueUrl") ?? "",
                Config("QueueArn") ?? "",
                Config("DeadLetterQueueUrl") ?? "",
                Config("TableName") ?? ""));
        }

        if (target.Endpoint is null)
        {
            throw new StackTargetException(
                $"Cannot find stack '{target.StackName}': set AWS__Resources__BucketName (and the other outputs) or pass --endpoint.");
        }

        return Task.FromResult(LocalStandInProvisioner.Names(target.Endpoint, target.Region ?? "us-east-1", target.StackName));
    }
}
