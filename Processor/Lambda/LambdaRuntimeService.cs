using Microsoft.Extensions.Hosting;

namespace FilePipeline.Processor.Lambda;

/// <summary>Runs the Runtime API loop for the life of the process.</summary>
public sealed class LambdaRuntimeService(LambdaRuntime runtime) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => runtime.RunAsync(stoppingToken);
}
