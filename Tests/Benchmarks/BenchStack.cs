using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.S3;
using Amazon.SQS;
using FilePipeline.Emulator;
using FilePipeline.FileRecords;
using FilePipeline.Provisioning;

namespace FilePipeline.Benchmarks;

/// <summary>A provisioned stack on the benchmark's emulator, with SDK clients configured as the processor configures its own.</summary>
internal sealed class BenchStack : IDisposable
{
    public BenchStack(EmulatorEndpoint emulator, StackOutputs outputs)
    {
        Emulator = emulator;
        Outputs = outputs;
        var url = emulator.Url.ToString();
        var region = EmulatorEndpoint.DefaultRegion;
        S3 = new AmazonS3Client(BenchEmulator.Credentials, new AmazonS3Config { ServiceURL = url, AuthenticationRegion = region, ForcePathStyle = true, Timeout = TimeSpan.FromMinutes(15) });
        Dynamo = new AmazonDynamoDBClient(BenchEmulator.Credentials, new AmazonDynamoDBConfig { ServiceURL = url, AuthenticationRegion = region });
        Sqs = new AmazonSQSClient(BenchEmulator.Credentials, new AmazonSQSConfig { ServiceURL = url, AuthenticationRegion = region });
    }

    public EmulatorEndpoint Emulator { get; }

    public StackOutputs Outputs { get; }

    public string Bucket => Outputs.BucketName;

    public string Table => Outputs.TableName;

    public string QueueUrl => Outputs.QueueUrl;

    public AmazonS3Client S3 { get; }

    public AmazonDynamoDBClient Dynamo { get; }

    public AmazonSQSClient Sqs { get; }

    /// <summary>What a worker process needs: the emulator's client settings and the stack outputs, telemetry off.</summary>
    public Dictionary<string, string> WorkerEnvironment()
    {
        var environment = new Dictionary<string, string>(Emulator.ClientEnvironment()) { ["OTEL_SDK_DISABLED"] = "true" };
        foreach (var (name, value) in Outputs.ToEnvironment())
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>The <c>UpdatedAt</c> (= ProcessedAt) of every item in the record table, consistent scan, all pages.</summary>
    public async Task<List<DateTimeOffset>> RecordTimesAsync(CancellationToken cancellationToken) =>
        [.. (await Dynamo.ScanAllAsync(Table, RecordTable.UpdatedAtAttribute, cancellationToken))
            .Select(item => DateTimeOffset.Parse(item[RecordTable.UpdatedAtAttribute].S, System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>How many records the table holds (consistent scan, all pages).</summary>
    public Task<int> RecordCountAsync(CancellationToken cancellationToken) => Dynamo.CountAllAsync(Table, cancellationToken);

    public void Dispose()
    {
        S3.Dispose();
        Dynamo.Dispose();
        Sqs.Dispose();
    }
}
