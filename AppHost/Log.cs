using Microsoft.Extensions.Logging;

namespace FilePipeline.AppHost;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Provisioning stack {StackName} from {TemplatePath} into {Target} (routing {Routing})")]
    public static partial void Provisioning(ILogger logger, string stackName, string templatePath, string target, string routing);

    [LoggerMessage(2, LogLevel.Information, "{StackEvent}")]
    public static partial void StackEvent(ILogger logger, string stackEvent);

    [LoggerMessage(3, LogLevel.Information, "Stack {StackName} provisioned in {Seconds:0.0} s: bucket {BucketName}, queue {QueueUrl}, table {TableName}")]
    public static partial void Provisioned(ILogger logger, string stackName, double seconds, string bucketName, string queueUrl, string tableName);

    [LoggerMessage(4, LogLevel.Error, "Stack {StackName} failed: {Reason}")]
    public static partial void ProvisioningFailed(ILogger logger, string stackName, string reason);

    [LoggerMessage(5, LogLevel.Error, "Stack {StackName} failed to provision: {Reason}; the processors and the viewer will not start (the stack's console log in the dashboard has its CloudFormation events)")]
    public static partial void StackFailed(ILogger logger, string stackName, string reason);

    [LoggerMessage(10, LogLevel.Warning, "{Replica} (pid {ProcessId}) exited with code {ExitCode}; restart {Restart} in {DelaySeconds:0} s")]
    public static partial void ReplicaCrashed(ILogger logger, string replica, string processId, string exitCode, int restart, double delaySeconds);

    [LoggerMessage(11, LogLevel.Warning, "Restarting {Replica} failed: {Reason}")]
    public static partial void RestartFailed(ILogger logger, string replica, string reason);

    [LoggerMessage(20, LogLevel.Warning, "moto_server (pid {ProcessId}) exited with code {ExitCode}: the emulator's in-memory state (stack, objects, messages, records) is lost; restarting it, provisioning the stack again and restarting the processors and the viewer")]
    public static partial void EmulatorLost(ILogger logger, string processId, string exitCode);

    [LoggerMessage(21, LogLevel.Information, "The emulator is back and the stack provisioned again in {Seconds:0.0} s; the processors and the viewer are starting")]
    public static partial void EmulatorRecovered(ILogger logger, double seconds);

    [LoggerMessage(22, LogLevel.Error, "The emulator could not be brought back: {Reason}")]
    public static partial void EmulatorRecoveryFailed(ILogger logger, string reason);

    [LoggerMessage(30, LogLevel.Information, "{Summary}")]
    public static partial void Ready(ILogger logger, string summary);

    [LoggerMessage(31, LogLevel.Warning, "Could not write {Path} (the operator command line finds the pipeline through it): {Reason}")]
    public static partial void StateFileFailed(ILogger logger, string path, string reason);

    [LoggerMessage(40, LogLevel.Information, "{Resource}: {State}")]
    public static partial void ResourceState(ILogger logger, string resource, string state);
}
