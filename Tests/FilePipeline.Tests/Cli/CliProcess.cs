using System.Diagnostics;
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

    /// <summary>
    /// The same on a terminal: util-linux's <c>script</c> runs it on a pseudo-terminal of 120 columns, and its output
    /// is what a person's terminal would get, control codes and all.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunOnTerminalAsync(
        IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string> environment)
    {
        var command = string.Join(' ', new[] { DotnetHost.Path, Assembly }.Concat(arguments).Select(Quote));
        var info = new ProcessStartInfo("script")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-q", "-e", "-c", $"stty cols 120 rows 40; exec {command}", "/dev/null" })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Remove("AWS_ENDPOINT_URL");
        info.Environment["TERM"] = "xterm-256color";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("script did not start");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var errors = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
            return (process.ExitCode, await output + await errors);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{string.Join(' ', arguments)} on a terminal did not exit within {timeout.TotalSeconds} s");
        }
    }

    private static string Quote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
