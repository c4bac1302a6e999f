namespace FilePipeline.AppHost.Emulator;

/// <summary>
/// The AWS emulator of this run: its resource in the app model, the endpoint services get as
/// <c>AWS_ENDPOINT_URL</c>, and whether the AppHost started it (then it restarts it when it dies).
/// </summary>
public sealed class AwsEmulator(IResourceBuilder<IResource> resource, ReferenceExpression endpoint, bool startedByAppHost)
{
    /// <summary>Emulators accept any region and credentials; the SDK still signs, so it needs both.</summary>
    public const string DefaultRegion = "us-east-1";

    public IResourceBuilder<IResource> Resource { get; } = resource;

    public ReferenceExpression Endpoint { get; } = endpoint;

    public bool StartedByAppHost { get; } = startedByAppHost;

    public static string Region => Environment.GetEnvironmentVariable("AWS_REGION") is { Length: > 0 } region ? region : DefaultRegion;
}
