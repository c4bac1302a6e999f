namespace FilePipeline.Processor.Lambda;

/// <summary>One invocation handed out by the Runtime API's <c>/invocation/next</c>.</summary>
/// <param name="RequestId">Lambda-Runtime-Aws-Request-Id.</param>
/// <param name="Deadline">Lambda-Runtime-Deadline-Ms as a time.</param>
/// <param name="TraceHeader">Lambda-Runtime-Trace-Id (X-Ray <c>Root=...;Parent=...;Sampled=...</c>), if any.</param>
/// <param name="FunctionArn">Lambda-Runtime-Invoked-Function-Arn, if any.</param>
/// <param name="Payload">The event document.</param>
public sealed record LambdaInvocation(string RequestId, DateTimeOffset Deadline, string? TraceHeader, string? FunctionArn, byte[] Payload);
