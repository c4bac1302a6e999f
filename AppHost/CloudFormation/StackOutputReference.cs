namespace FilePipeline.AppHost.CloudFormation;

/// <summary>One output of a CloudFormation stack, as a value a resource's environment can take (Aspire.Hosting.AWS's shape).</summary>
public sealed class StackOutputReference(string name, CloudFormationTemplateResource resource) : IManifestExpressionProvider, IValueProvider, IValueWithReferences
{
    public string Name { get; } = name;

    public CloudFormationTemplateResource Resource { get; } = resource;

    public string ValueExpression => $"{{{Resource.Name}.output.{Name}}}";

    IEnumerable<object> IValueWithReferences.References => [Resource];

    /// <summary>Waits for the stack to be provisioned, then the output's value.</summary>
    public async ValueTask<string?> GetValueAsync(CancellationToken cancellationToken = default)
    {
        await Resource.Provisioned.WaitAsync(cancellationToken);
        return Resource.Outputs?.All.TryGetValue(Name, out var value) == true
            ? value
            : throw new InvalidOperationException($"Stack '{Resource.StackName}' has no output {Name}.");
    }
}
