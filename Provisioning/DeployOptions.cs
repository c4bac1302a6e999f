namespace FilePipeline.Provisioning;

/// <summary>What <c>StackProvisioner.DeployAsync</c> deploys.</summary>
public sealed record DeployOptions
{
    public required string StackName { get; init; }

    /// <summary>The Lambda package (a zip holding <c>bootstrap</c>) to upload.</summary>
    public required string PackagePath { get; init; }

    public RoutingMode Routing { get; init; } = RoutingMode.Direct;

    /// <summary>
    /// An existing bucket to attach the pipeline to (the template's <c>ExistingBucketName</c>; its <c>KeyPrefix</c> and
    /// <c>KeySuffix</c> come from <see cref="Parameters"/>); null: the stack creates and owns its bucket.
    /// </summary>
    public string? ExistingBucket { get; init; }

    /// <summary>Bucket for the package; default <c>&lt;stack&gt;-artifacts-&lt;account&gt;</c>, created when absent.</summary>
    public string? ArtifactsBucket { get; init; }

    /// <summary><c>x86_64</c> or <c>arm64</c>: what the package was published for.</summary>
    public string Architecture { get; init; } = "x86_64";

    /// <summary>Further template parameters (e.g. <c>MaxReceiveCount</c>, <c>BatchSize</c>), passed as given.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>How long to wait for the stack to settle.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);
}
