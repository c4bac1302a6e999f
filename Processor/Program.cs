using FilePipeline.Processor;
using FilePipeline.Processor.Lambda;

if (Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API") is { Length: > 0 } runtimeApi)
{
    return await LambdaEntryPoint.RunAsync(runtimeApi);
}

if (!WorkerEntryPoint.IsSupported)
{
    Console.Error.WriteLine("This is the Lambda bootstrap (published without worker mode): it runs where AWS_LAMBDA_RUNTIME_API is set. Run the queue worker with `dotnet run --project Processor` or the framework-dependent build's FilePipeline.Processor.dll.");
    return 2;
}

return await WorkerEntryPoint.RunAsync(args);
