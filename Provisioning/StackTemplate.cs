using System.Text.RegularExpressions;

namespace FilePipeline.Provisioning;

/// <summary>The CloudFormation template (infra/filepipeline.yaml), embedded in this assembly.</summary>
public static partial class StackTemplate
{
    public const string ResourceName = "FilePipeline.Provisioning.infra.filepipeline.yaml";

    /// <summary>
    /// Longest stack name: the buckets are named <c>&lt;stack&gt;-uploads-&lt;12-digit account&gt;</c> and, the longer one,
    /// <c>&lt;stack&gt;-artifacts-&lt;12-digit account&gt;</c> (S3 allows 63 characters).
    /// </summary>
    public const int MaxStackNameLength = 63 - 23;

    private static readonly Lazy<string> Text = new(Load);

    /// <summary>The template body.</summary>
    public static string Body => Text.Value;

    /// <summary>
    /// Fails with a clear message unless <paramref name="stackName"/> can also name the bucket:
    /// lower case letters, digits and dashes, starting with a letter, at most <see cref="MaxStackNameLength"/>.
    /// </summary>
    public static void ValidateStackName(string stackName)
    {
        if (stackName.Length > MaxStackNameLength || !StackNamePattern().IsMatch(stackName))
        {
            throw new ArgumentException(
                $"Stack name '{stackName}' is not usable: it names the bucket too, so it must be lower case letters, digits and " +
                $"dashes, start with a letter, not end with a dash, and be at most {MaxStackNameLength} characters.",
                nameof(stackName));
        }
    }

    private static string Load()
    {
        using var stream = typeof(StackTemplate).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The template resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex("^[a-z][a-z0-9-]*[a-z0-9]$")]
    private static partial Regex StackNamePattern();
}
