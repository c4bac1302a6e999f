using FilePipeline.AppHost.Emulator;
using FilePipeline.Provisioning;

namespace FilePipeline.AppHost.CloudFormation;

/// <summary>
/// A CloudFormation stack made from a template file, in the shape of Aspire.Hosting.AWS's resource of the same
/// name (absent from the NuGet copy): parameters, outputs once provisioned, and wait support, so that a project
/// that references it starts only once the stack is there. Provisioned by <see cref="StackProvisioning"/>.
/// </summary>
public sealed class CloudFormationTemplateResource(string name, string stackName, string templatePath) : Resource(name), IResourceWithWaitSupport
{
    private TaskCompletionSource _provisioned = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string StackName { get; } = stackName;

    /// <summary>The template's full path.</summary>
    public string TemplatePath { get; } = templatePath;

    /// <summary>Template parameters (<c>WithParameter</c>); the local ones (<c>Local=true</c>, placeholders) are added by Provisioning.</summary>
    public IDictionary<string, string> CloudFormationParameters { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The emulator the stack lives in, or null for a real AWS account.</summary>
    public AwsEmulator? Emulator { get; set; }

    /// <summary>The stack's outputs once provisioned (again after the emulator restarted).</summary>
    public StackOutputs? Outputs { get; private set; }

    /// <summary>Completes when the stack is provisioned; fails when provisioning failed.</summary>
    public Task Provisioned => _provisioned.Task;

    public RoutingMode Routing =>
        CloudFormationParameters.TryGetValue("Routing", out var routing) ? Enum.Parse<RoutingMode>(routing, ignoreCase: true) : RoutingMode.Direct;

    internal void Succeeded(StackOutputs outputs)
    {
        Outputs = outputs;
        _provisioned.TrySetResult();
    }

    internal void Failed(Exception exception) => _provisioned.TrySetException(exception);

    /// <summary>The emulator was lost: what was provisioned is gone until the next provisioning.</summary>
    internal void Lost()
    {
        Outputs = null;
        if (_provisioned.Task.IsCompleted)
        {
            _provisioned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}
