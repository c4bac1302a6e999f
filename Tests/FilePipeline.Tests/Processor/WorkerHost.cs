using Amazon.DynamoDBv2;
using Amazon.S3;
using Amazon.SQS;
using FilePipeline.Processor;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FilePipeline.Tests.Processor;

/// <summary>The queue worker in this process, wired exactly as its Program wires it, with clients on the emulator.</summary>
internal static class WorkerHost
{
    public static async Task<IHost> StartAsync(
        ProcessorResources aws, QueueResources queues, IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AWS:Resources:BucketName"] = aws.Bucket,
            ["AWS:Resources:QueueUrl"] = queues.QueueUrl,
            ["AWS:Resources:DeadLetterQueueUrl"] = queues.DeadLetterQueueUrl,
            ["AWS:Resources:TableName"] = aws.Table,
            ["Processor:WaitTimeSeconds"] = "1",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IAmazonS3>(aws.S3);
        builder.Services.AddSingleton<IAmazonDynamoDB>(aws.Dynamo);
        builder.Services.AddSingleton<IAmazonSQS>(queues.Sqs);
        builder.AddProcessorHandler();
        builder.AddQueueWorker();
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }
}
