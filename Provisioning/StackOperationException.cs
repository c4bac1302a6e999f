namespace FilePipeline.Provisioning;

/// <summary>A stack operation ended in a state other than success; the message carries CloudFormation's reasons.</summary>
public sealed class StackOperationException(string stackName, string operation, string status, string? reason)
    : Exception($"Stack '{stackName}' {operation} ended {status}{(string.IsNullOrEmpty(reason) ? "" : $": {reason}")}")
{
    public string StackName { get; } = stackName;

    public string Status { get; } = status;
}
