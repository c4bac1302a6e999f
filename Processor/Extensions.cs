using Amazon.DynamoDBv2;
using Amazon.S3;
using FilePipeline.FileRecords;
using FilePipeline.Processor.Documents;
using FilePipeline.Processor.Handling;
using FilePipeline.Processor.Validation;
using FilePipeline.Processor.Worker;
using Amazon.SQS;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FilePipeline.Processor;

/// <summary>The queue worker's wiring (the Lambda bootstrap composes the same classes by hand: Lambda/LambdaHost.cs).</summary>
public static class Extensions
{
    /// <summary>What a processor without a table is told.</summary>
    internal const string TableNameRequired = "AWS:Resources:TableName (env AWS__Resources__TableName) is required.";

    /// <summary>The handler the batch runs: <paramref name="handler"/>, behind a rate limiter when <c>Processor:MaxMessagesPerSecond</c> is set.</summary>
    internal static IMessageHandler RateLimited(ObjectEventHandler handler, ProcessorOptions options) =>
        options.MaxMessagesPerSecond > 0 ? new RateLimitedHandler(handler, RateLimitedHandler.Create(options.MaxMessagesPerSecond)) : handler;

    /// <summary>Options, AWS clients, the record store and the batch handler.</summary>
    public static TBuilder AddProcessorHandler<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        services.AddOptions<ProcessorOptions>().BindConfiguration(ProcessorOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProcessorOptions>, ProcessorOptionsValidator>();
        services.AddOptions<ResourceOptions>().BindConfiguration(ResourceOptions.Section)
            .Validate(resources => !string.IsNullOrWhiteSpace(resources.TableName), TableNameRequired)
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddAwsClient<IAmazonS3>();
        services.AddAwsClient<IAmazonDynamoDB>();
        services.AddSingleton(provider => new RecordStore(
            provider.GetRequiredService<IAmazonDynamoDB>(),
            provider.GetRequiredService<IOptions<ResourceOptions>>().Value.TableName!));
        services.AddSingleton(provider => ValidationPolicy.From(provider.GetRequiredService<IOptions<ProcessorOptions>>().Value));
        services.AddSingleton(provider => new ObjectEventHandler(
            provider.GetRequiredService<IAmazonS3>(),
            provider.GetRequiredService<RecordStore>(),
            provider.GetRequiredService<ValidationPolicy>(),
            provider.GetRequiredService<ILogger<ObjectEventHandler>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<IOptions<ResourceOptions>>().Value.BucketName,
            DocumentLimits.From(provider.GetRequiredService<IOptions<ProcessorOptions>>().Value)));
        services.AddSingleton(provider => RateLimited(
            provider.GetRequiredService<ObjectEventHandler>(), provider.GetRequiredService<IOptions<ProcessorOptions>>().Value));
        services.AddSingleton(provider => new BatchProcessor(
            provider.GetRequiredService<IMessageHandler>(),
            provider.GetRequiredService<IOptions<ProcessorOptions>>().Value.MaxConcurrency,
            provider.GetRequiredService<ILogger<BatchProcessor>>()));
        return builder;
    }

    /// <summary>The long-polling queue worker, its readiness health check and a shutdown that finishes in-flight work.</summary>
    public static TBuilder AddQueueWorker<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        services.AddOptions<ResourceOptions>()
            .Validate(resources => !string.IsNullOrWhiteSpace(resources.QueueUrl), "AWS:Resources:QueueUrl (env AWS__Resources__QueueUrl) is required.");
        services.AddAwsClient<IAmazonSQS>();
        services.AddSingleton(provider => WorkerSettings.From(
            provider.GetRequiredService<IOptions<ProcessorOptions>>().Value,
            provider.GetRequiredService<IOptions<ResourceOptions>>().Value));
        services.AddSingleton<WorkerReadiness>();
        services.AddHealthChecks().AddCheck<WorkerReadiness>("pollers");
        services.AddHostedService(provider => new QueueWorker(
            provider.GetRequiredService<IAmazonSQS>(),
            provider.GetRequiredService<BatchProcessor>(),
            provider.GetRequiredService<WorkerSettings>(),
            provider.GetRequiredService<WorkerReadiness>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<QueueWorker>>()));
        services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(60));
        return builder;
    }
}
