using Amazon.DynamoDBv2;
using Amazon.S3;
using FilePipeline.Processor;
using FilePipeline.Processor.Handling;
using FilePipeline.Provisioning;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FilePipeline.Tests.Infra;

/// <summary>
/// The processor's batch handler (what its Lambda host and queue worker both run), wired by the processor's own
/// <c>AddProcessorHandler</c> from a stack's outputs in Aspire's convention, with clients on the emulator.
/// </summary>
public sealed class ProcessorHarness : IDisposable
{
    private readonly IHost _host;

    public ProcessorHarness(StackOutputs outputs, IAmazonS3 s3, IAmazonDynamoDB dynamo)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(outputs.ToEnvironment()
            .Select(pair => KeyValuePair.Create<string, string?>(pair.Key.Replace("__", ":", StringComparison.Ordinal), pair.Value)));
        builder.Services.AddLogging();
        builder.Services.AddSingleton(s3);
        builder.Services.AddSingleton(dynamo);
        builder.AddProcessorHandler();
        _host = builder.Build();
        Batch = _host.Services.GetRequiredService<BatchProcessor>();
    }

    public BatchProcessor Batch { get; }

    public void Dispose() => _host.Dispose();
}
