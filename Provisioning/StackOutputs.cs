namespace FilePipeline.Provisioning;

/// <summary>
/// The stack's outputs: every name and URL a service needs. <see cref="ToEnvironment"/> hands them to a
/// service in Aspire's convention (<c>AWS__Resources__&lt;OutputKey&gt;</c>).
/// </summary>
public sealed record StackOutputs(
    string StackName,
    string BucketName,
    string QueueUrl,
    string QueueArn,
    string DeadLetterQueueUrl,
    string DeadLetterQueueArn,
    string TableName,
    RoutingMode Routing,
    IReadOnlyDictionary<string, string> All)
{
    /// <summary>The environment variable prefix for stack outputs (config section <c>AWS:Resources</c>).</summary>
    public const string EnvironmentPrefix = "AWS__Resources__";

    public string? TopicArn => All.GetValueOrDefault("TopicArn");

    public string? EventRuleName => All.GetValueOrDefault("EventRuleName");

    public string? FunctionName => All.GetValueOrDefault("FunctionName");

    /// <summary>Reads the outputs of a stack; fails with the missing keys named when the stack lacks one.</summary>
    public static StackOutputs From(string stackName, IReadOnlyDictionary<string, string> outputs)
    {
        string[] required = ["BucketName", "QueueUrl", "QueueArn", "DeadLetterQueueUrl", "DeadLetterQueueArn", "TableName", "Routing"];
        var missing = required.Where(key => !outputs.ContainsKey(key)).ToArray();
        if (missing.Length > 0)
        {
            throw new InvalidOperationException(
                $"Stack '{stackName}' has no output {string.Join(", ", missing)}: was it created from infra/filepipeline.yaml?");
        }

        return new StackOutputs(
            stackName,
            outputs["BucketName"],
            outputs["QueueUrl"],
            outputs["QueueArn"],
            outputs["DeadLetterQueueUrl"],
            outputs["DeadLetterQueueArn"],
            outputs["TableName"],
            Enum.Parse<RoutingMode>(outputs["Routing"]),
            new Dictionary<string, string>(outputs, StringComparer.Ordinal));
    }

    /// <summary>Every output as <c>AWS__Resources__&lt;OutputKey&gt;</c> = value.</summary>
    public IReadOnlyDictionary<string, string> ToEnvironment() =>
        All.OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .ToDictionary(pair => EnvironmentPrefix + pair.Key, pair => pair.Value, StringComparer.Ordinal);
}
