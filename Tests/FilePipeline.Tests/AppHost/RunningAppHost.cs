using System.Text.RegularExpressions;

namespace FilePipeline.Tests.AppHost;

/// <summary>
/// One real AppHost (own moto_server, stack, two processors, viewer) shared by the tests of a class; each
/// test uses its own key prefix. Stopped with SIGTERM at the end.
/// </summary>
public sealed partial class RunningAppHost : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private AppHostProcess? _host;

    public AppHostProcess Host => _host ?? throw new InvalidOperationException("The AppHost has not started.");

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The trace link the AppHost hands to the viewer (as Viewer__DashboardUrl).</summary>
    public const string DashboardUrl = "http://dashboard.test/traces/{traceId}";

    public Uri ViewerUrl { get; private set; } = null!;

    public string Bucket { get; private set; } = "";

    public string Table { get; private set; } = "";

    public string DeadLetterQueueUrl { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        // A short visibility timeout, so messages a killed processor held come back within the test's deadline.
        _host = AppHostProcess.Start(
            ["--processors", "2", "--dashboard-url", DashboardUrl],
            new Dictionary<string, string> { ["Processor__VisibilityTimeoutSeconds"] = "10" });
        // The summary's last line: every field above it has been read by then.
        await _host.Output.WaitForLineAsync(line => line.StartsWith("Ctrl+C stops everything", StringComparison.Ordinal), StartTimeout, TestContext.Current.CancellationToken);
        string Field(string name) => _host.Output.Lines.Select(line => SummaryLine().Match(line))
            .First(match => match.Success && match.Groups["name"].Value == name).Groups["value"].Value;
        Endpoint = new Uri(Field("emulator"));
        ViewerUrl = new Uri(Field("viewer"));
        Bucket = Field("bucket");
        Table = Field("table");
        DeadLetterQueueUrl = Field("dlq");
    }

    /// <summary>The pid of the newest <paramref name="resource"/> process the AppHost reported starting.</summary>
    public int LatestPid(string resource) =>
        ProcessTable.StartedPidsInOrder(Host.Output.Lines).Last(started => started.Name == resource).Pid;

    public async ValueTask DisposeAsync()
    {
        if (_host is null)
        {
            return;
        }

        if (!_host.HasExited)
        {
            _host.Signal("TERM");
            await _host.WaitForExitAsync(TimeSpan.FromSeconds(60), CancellationToken.None);
        }

        await _host.DisposeAsync();
    }

    [GeneratedRegex(@"^  (?<name>[a-z]+)\s+(?<value>\S+)$")]
    private static partial Regex SummaryLine();
}
