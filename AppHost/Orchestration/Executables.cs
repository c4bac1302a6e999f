using FilePipeline.Emulator;

namespace FilePipeline.AppHost.Orchestration;

/// <summary>Finds programs the AppHost runs.</summary>
public static class Executables
{
    /// <summary>The <c>dotnet</c> host running this process (so children use the same runtime), else <c>dotnet</c> from PATH.</summary>
    public static string Dotnet { get; } =
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet"
            ? path
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
                ? host
                : EmulatorEndpoint.FindOnPath("dotnet") ?? "dotnet";
}
