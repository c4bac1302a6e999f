using System.Diagnostics;
using FilePipeline.Telemetry;

namespace FilePipeline.Cli;

/// <summary>The command line's spans: one per command (ServiceDefaults' <see cref="CommandTelemetry"/>), one per uploaded file.</summary>
public static class CliTelemetry
{
    /// <summary>The service name when <c>OTEL_SERVICE_NAME</c> does not give one.</summary>
    public const string ServiceName = "cli";

    public static readonly ActivitySource Source = new("FilePipeline.Cli");

    /// <summary>Runs a command inside its span, with telemetry started before and flushed after.</summary>
    public static Task<int> RunAsync(string command, Func<Task<int>> body) =>
        CommandTelemetry.RunAsync(ServiceName, Source, command, body);
}
