using System.CommandLine;
using System.CommandLine.Parsing;
using System.Runtime.InteropServices;
using FilePipeline.Cli.Commands;

namespace FilePipeline.Cli;

/// <summary>
/// The operator command line: every verb operates on a running stack (local or AWS).
/// The first Ctrl+C / SIGTERM cancels the command so it can stop cleanly; a second one terminates at once.
/// </summary>
public static class OperatorCli
{
    public static RootCommand Create()
    {
        var root = new RootCommand(
            "FilePipeline operator command line: upload files, backfill, redrive, status of a running pipeline (local or "
            + "in AWS), and deploy or destroy its stack in AWS.");
        root.Subcommands.Add(UploadCommand.Create());
        root.Subcommands.Add(BackfillCommand.Create());
        root.Subcommands.Add(RedriveCommand.Create());
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(DeployCommand.Create());
        root.Subcommands.Add(DestroyCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => OnSignal(context, stop));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => OnSignal(context, stop));
        var parsed = Create().Parse(args);
        if (parsed.Errors.Count > 0)
        {
            await Console.Error.WriteLineAsync(UsageLine(parsed));
            return ExitCodes.Usage;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, stop.Token);
    }

    /// <summary>
    /// Every parse error on one line (each names its option: <see cref="OptionValues"/>) and where the options are
    /// listed, instead of System.CommandLine's errors followed by the whole help text.
    /// </summary>
    public static string UsageLine(ParseResult parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var command = parsed.CommandResult.Command;
        var help = command is RootCommand ? "--help" : $"{command.Name} --help";
        var errors = FlagValueErrors(parsed, command)
            ?? parsed.Errors.Select(e => e.Message.ReplaceLineEndings(" ").TrimEnd('.', ' '));
        return $"{string.Join("; ", errors)} (see {help})";
    }

    /// <summary>
    /// A flag given a value it cannot take (<c>--yes=maybe</c>, <c>--yes maybe</c>): the parser leaves the value
    /// unmatched and reports only that, without the flag it was meant for.
    /// </summary>
    private static List<string>? FlagValueErrors(ParseResult parsed, Command command)
    {
        var errors = new List<string>();
        for (var i = 1; i < parsed.Tokens.Count; i++)
        {
            var (flag, value) = (parsed.Tokens[i - 1], parsed.Tokens[i]);
            if (flag.Type == TokenType.Option && value.Type == TokenType.Argument
                && parsed.UnmatchedTokens.Contains(value.Value)
                && command.Options.FirstOrDefault(o => o.Name == flag.Value || o.Aliases.Contains(flag.Value)) is Option<bool> option)
            {
                errors.Add($"{option.Name}: '{value.Value}' is not true or false (the flag alone means true)");
            }
        }

        return errors.Count > 0 ? errors : null;
    }

    private static void OnSignal(PosixSignalContext context, CancellationTokenSource stop)
    {
        if (stop.IsCancellationRequested)
        {
            return; // Second signal: let the runtime terminate the process (children get their death signal).
        }

        context.Cancel = true;
        stop.Cancel();
    }
}
