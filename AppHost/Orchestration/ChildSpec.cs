namespace FilePipeline.AppHost.Orchestration;

/// <summary>
/// One child process the AppHost runs and keeps running: what to start, with which environment,
/// and (for services) the URL that answers 200 once it is healthy.
/// </summary>
public sealed record ChildSpec(
    string Name,
    string FileName,
    IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string> Environment,
    Uri? HealthUrl = null);
