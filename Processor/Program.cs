using FilePipeline.Processor;
using FilePipeline.Processor.Lambda;

if (Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API") is { Length: > 0 } runtimeApi)
{
    return await LambdaEntryPoint.RunAsync(args, runtimeApi);
}

return await WorkerEntryPoint.RunAsync(args);
