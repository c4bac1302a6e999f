using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FilePipeline.Provisioning;

/// <summary>
/// The small file a running AppHost writes so that the operator command line finds the local pipeline without
/// flags: where the emulator is, which stack, and the AppHost's process id (a file whose process is gone is
/// ignored). Path: <c>FILEPIPELINE_LOCAL_PIPELINE</c>, else <see cref="DefaultPath"/>. docs/apphost.md argues the design.
/// </summary>
public static class LocalPipelineFile
{
    public const string PathVariable = "FILEPIPELINE_LOCAL_PIPELINE";

    /// <summary><c>~/.local/state/filepipeline/apphost.json</c> (or <c>$XDG_STATE_HOME/filepipeline/apphost.json</c>).</summary>
    public static string DefaultPath =>
        Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path
            ? path
            : Path.Combine(
                Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } state
                    ? state
                    : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state"),
                "filepipeline", "apphost.json");

    /// <summary>Writes the file whole (a reader never sees half of it).</summary>
    public static async Task WriteAsync(string path, LocalPipeline pipeline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(pipeline, LocalPipelineJsonContext.Default.LocalPipeline), cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Deletes the file if this process wrote it (another AppHost may have replaced it since).</summary>
    public static void DeleteIfOwn(string path)
    {
        if (Read(path, requireLiveProcess: false) is { ProcessId: var owner } && owner == Environment.ProcessId)
        {
            File.Delete(path);
        }
    }

    /// <summary>The running pipeline the file describes, or null when there is no file, it is unreadable, or its AppHost is gone.</summary>
    public static LocalPipeline? Read(string path, bool requireLiveProcess = true)
    {
        try
        {
            var pipeline = JsonSerializer.Deserialize(File.ReadAllText(path), LocalPipelineJsonContext.Default.LocalPipeline);
            return pipeline is null || (requireLiveProcess && !IsRunning(pipeline.ProcessId)) ? null : pipeline;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

/// <summary>A locally running pipeline: emulator endpoint (null for a real account), region, stack, and its AppHost.</summary>
public sealed record LocalPipeline(Uri? Endpoint, string Region, string StackName, int ProcessId, Uri? Viewer, Uri? Dashboard);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(LocalPipeline))]
internal sealed partial class LocalPipelineJsonContext : JsonSerializerContext;
