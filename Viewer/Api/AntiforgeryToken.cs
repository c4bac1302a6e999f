namespace FilePipeline.Viewer.Api;

/// <summary>A request token for state-changing API calls: send <see cref="Token"/> in the <see cref="HeaderName"/> header.</summary>
public sealed record AntiforgeryToken(string HeaderName, string Token);
