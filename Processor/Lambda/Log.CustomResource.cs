using Microsoft.Extensions.Logging;

namespace FilePipeline.Processor;

/// <summary>The custom resource's log lines (the rest of the project's are in Log.cs).</summary>
internal static partial class Log
{
    [LoggerMessage(50, LogLevel.Information, "Custom resource {LogicalResourceId}: {RequestType} done ({PhysicalResourceId}); SUCCESS sent to CloudFormation")]
    public static partial void CustomResourceDone(ILogger logger, string requestType, string logicalResourceId, string physicalResourceId);

    [LoggerMessage(51, LogLevel.Error, "Custom resource {LogicalResourceId}: {RequestType} failed; FAILED sent to CloudFormation with the reason: {Reason}")]
    public static partial void CustomResourceFailed(ILogger logger, Exception exception, string requestType, string logicalResourceId, string reason);
}
