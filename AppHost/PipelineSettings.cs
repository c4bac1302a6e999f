using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using FilePipeline.Provisioning;
using Microsoft.Extensions.Configuration;

namespace FilePipeline.AppHost;

/// <summary>
/// What <c>dotnet run --project AppHost</c> runs, from configuration section <c>Pipeline</c> (appsettings,
/// <c>Pipeline__*</c> environment variables, a launch profile) or the short switches <c>--processors</c>,
/// <c>--routing</c>, <c>--stack</c>, <c>--emulator</c>, <c>--state-file</c>.
/// </summary>
public sealed record PipelineSettings(
    int Processors, RoutingMode Routing, string StackName, EmulatorChoice Emulator, int? EmulatorPort, string? StateFile)
{
    public const int MaxProcessors = 32;

    /// <summary>moto_server's port when the AppHost starts it: stable, so pasted commands keep working across runs.</summary>
    public const int DefaultMotoPort = 4599;

    private static readonly Dictionary<string, string> Switches = new(StringComparer.Ordinal)
    {
        ["--processors"] = "Pipeline:Processors",
        ["--routing"] = "Pipeline:Routing",
        ["--stack"] = "Pipeline:StackName",
        ["--emulator"] = "Pipeline:Emulator",
        ["--emulator-port"] = "Pipeline:EmulatorPort",
        ["--state-file"] = "Pipeline:StateFile",
    };

    /// <summary>
    /// Reads and checks the settings; on a bad value returns false with one line naming the setting, its value
    /// and what it accepts.
    /// </summary>
    public static bool TryRead(
        IConfiguration configuration, string[] args, [NotNullWhen(true)] out PipelineSettings? settings, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var switches = new ConfigurationBuilder().AddCommandLine(SwitchesOnly(args), Switches).Build();
        string? Value(string key) => switches[key] ?? configuration[key];
        settings = null;

        var processorsText = Value("Pipeline:Processors") ?? "2";
        if (!int.TryParse(processorsText, NumberStyles.None, CultureInfo.InvariantCulture, out var processors) || processors is < 1 or > MaxProcessors)
        {
            problem = $"--processors (Pipeline:Processors): '{processorsText}' is not a number of processors from 1 to {MaxProcessors}.";
            return false;
        }

        var routingText = Value("Pipeline:Routing") ?? nameof(RoutingMode.Direct);
        if (!Enum.TryParse<RoutingMode>(routingText, ignoreCase: true, out var routing) || !Enum.IsDefined(routing) || int.TryParse(routingText, out _))
        {
            problem = $"--routing (Pipeline:Routing): '{routingText}' is not one of {string.Join(", ", Enum.GetNames<RoutingMode>())}.";
            return false;
        }

        var stackName = Value("Pipeline:StackName") ?? "file-pipeline";
        try
        {
            StackTemplate.ValidateStackName(stackName);
        }
        catch (ArgumentException e)
        {
            problem = $"--stack (Pipeline:StackName): {e.Message.Split(" (Parameter", 2)[0]}";
            return false;
        }

        var emulatorText = Value("Pipeline:Emulator") ?? Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL") ?? "moto";
        if (!EmulatorChoice.TryParse(emulatorText, out var emulator))
        {
            problem = $"--emulator (Pipeline:Emulator): '{emulatorText}' is not 'moto' (start moto_server), an http(s) URL of an emulator that already runs, or 'none' (a real AWS account).";
            return false;
        }

        if (emulator.Kind == EmulatorKind.Moto && !OnPath("moto_server"))
        {
            problem = "moto_server is not on PATH: pip install \"moto[server]\", or pass --emulator http://localhost:4566 for an emulator that already runs (LocalStack).";
            return false;
        }

        int? port = null;
        if (Value("Pipeline:EmulatorPort") is { } portText)
        {
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed is < 0 or > 65535)
            {
                problem = $"--emulator-port (Pipeline:EmulatorPort): '{portText}' is not a TCP port (0 for any free port).";
                return false;
            }

            port = parsed == 0 ? null : parsed;
        }
        else
        {
            port = DefaultMotoPort;
        }

        var stateFile = Value("Pipeline:StateFile") is { } path ? (path.Length == 0 ? null : Path.GetFullPath(path)) : LocalPipelineFile.DefaultPath;
        settings = new PipelineSettings(processors, routing, stackName, emulator, port, stateFile);
        problem = null;
        return true;
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, program)));

    /// <summary>Only the short switches (and their values): Aspire's own arguments are left to Aspire.</summary>
    private static string[] SwitchesOnly(string[] args)
    {
        var kept = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i].Split('=', 2)[0];
            if (!Switches.ContainsKey(name))
            {
                continue;
            }

            kept.Add(args[i]);
            if (!args[i].Contains('=', StringComparison.Ordinal) && i + 1 < args.Length)
            {
                kept.Add(args[++i]);
            }
        }

        return [.. kept];
    }
}
