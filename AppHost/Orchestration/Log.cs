using Microsoft.Extensions.Logging;

namespace FilePipeline.AppHost.Orchestration;

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "started {Resource} (pid {ProcessId})")]
    public static partial void Started(ILogger logger, string resource, int processId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Resource} is healthy after {Seconds:0.0} s")]
    public static partial void Healthy(ILogger logger, string resource, double seconds);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Resource} (pid {ProcessId}) exited with code {ExitCode}{Signal}; restart {Restart} in {DelaySeconds:0.#} s")]
    public static partial void Crashed(ILogger logger, string resource, int processId, int exitCode, string signal, int restart, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Resource} could not be started; retrying")]
    public static partial void StartFailed(ILogger logger, Exception exception, string resource);

    [LoggerMessage(Level = LogLevel.Information, Message = "stopping {Resource} (pid {ProcessId})")]
    public static partial void Stopping(ILogger logger, string resource, int processId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Resource} (pid {ProcessId}) did not stop within {Seconds} s; killing it")]
    public static partial void Killing(ILogger logger, string resource, int processId, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Reason}")]
    public static partial void EmulatorUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "emulator: {Url} ({How})")]
    public static partial void Emulator(ILogger logger, Uri url, string how);

    [LoggerMessage(Level = LogLevel.Information, Message = "stack {StackName} provisioned from infra/filepipeline.yaml (routing {Routing}, {Seconds:0.0} s since start)")]
    public static partial void Provisioned(ILogger logger, string stackName, string routing, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "could not provision stack {StackName}: {Reason}")]
    public static partial void ProvisioningFailed(ILogger logger, string stackName, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "not healthy within {Seconds} s: {Resources}")]
    public static partial void NotReady(ILogger logger, string resources, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "stopping all resources")]
    public static partial void StoppingAll(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "all resources stopped")]
    public static partial void StoppedAll(ILogger logger);
}
