using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using FilePipeline.FileRecords;
using FilePipeline.Processor;
using FilePipeline.Processor.Handling;
using FilePipeline.Processor.Validation;
using FilePipeline.Tests.Emulator;
using Microsoft.Extensions.Logging.Abstractions;

namespace FilePipeline.Tests.Processor;

/// <summary>
/// A bucket and a record table of its own on the shared emulator, with clients and a handler wired to them
/// (created by API until the stack's provisioning is available to tests). Its DynamoDB client makes conditional
/// writes atomic (<see cref="AtomicConditionalWrites"/>).
/// </summary>
internal sealed class ProcessorResources : IAsyncDisposable
{
    private ProcessorResources(MotoFixture moto, string bucket, string table)
    {
        S3 = moto.Client<IAmazonS3>();
        // Handlers run concurrently in these tests: their conditional writes must be atomic, as DynamoDB's are.
        Dynamo = moto.Client<IAmazonDynamoDB>(config => config.HttpClientFactory = new AtomicConditionalWrites());
        Bucket = bucket;
        Table = table;
        Store = new RecordStore(Dynamo, table);
    }

    public IAmazonS3 S3 { get; }

    public IAmazonDynamoDB Dynamo { get; }

    public string Bucket { get; }

    public string Table { get; }

    public RecordStore Store { get; }

    public static async Task<ProcessorResources> CreateAsync(MotoFixture moto, CancellationToken cancellationToken)
    {
        var resources = new ProcessorResources(moto, MotoFixture.UniqueName("uploads"), MotoFixture.UniqueName("records"));
        await resources.S3.PutBucketAsync(resources.Bucket, cancellationToken);
        await resources.Dynamo.CreateTableAsync(RecordTable.CreateTableRequest(resources.Table), cancellationToken);
        return resources;
    }

    public ObjectEventHandler Handler(ProcessorOptions? options = null) =>
        new(S3, Store, ValidationPolicy.From(options ?? new ProcessorOptions()), NullLogger<ObjectEventHandler>.Instance, TimeProvider.System);

    public Task PutAsync(string key, byte[] content, string? contentType = null, string? traceparent = null, CancellationToken cancellationToken = default)
    {
        var request = new PutObjectRequest { BucketName = Bucket, Key = key, InputStream = new MemoryStream(content), ContentType = contentType };
        if (traceparent is not null)
        {
            request.Metadata["traceparent"] = traceparent;
        }

        return S3.PutObjectAsync(request, cancellationToken);
    }

    public async Task<int> CountRecordsAsync(CancellationToken cancellationToken)
    {
        var scan = await Dynamo.ScanAsync(new Amazon.DynamoDBv2.Model.ScanRequest { TableName = Table, ConsistentRead = true }, cancellationToken);
        return scan.Count ?? 0;
    }

    public ValueTask DisposeAsync()
    {
        S3.Dispose();
        Dynamo.Dispose();
        return ValueTask.CompletedTask;
    }
}
