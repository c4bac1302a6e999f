using FilePipeline.Tests.AppHost;

namespace FilePipeline.Tests.Cli;

/// <summary>The operator command line (<c>dotnet FilePipeline.Cli.dll &lt;verb&gt; ...</c>) run to completion as its own process.</summary>
public static class CliProcess
{
    private static readonly string Assembly = typeof(FilePipeline.Cli.ExitCodes).Assembly.Location;

    public static Task<(int ExitCode, IReadOnlyList<string> Output)> RunAsync(
        IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null) =>
        AppHostProcess.RunAsync(Assembly, arguments, timeout, cancellationToken, environment);
}
