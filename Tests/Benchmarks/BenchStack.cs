using Amazon.DynamoDBv2;
using Amazon.Extensions.NETCore.Setup;
using Amazon.DynamoDBv2.Model;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SQS;
using FilePipeline.Emulator;
using FilePipeline.FileRecords;
using FilePipeline.Provisioning;
using Microsoft.Extensions.Hosting;

namespace FilePipeline.Benchmarks;

/// <summary>A provisioned stack on the benchmark's emulator, with SDK clients configured as the processor configures its own.</summary>
internal sealed class BenchStack : IDisposable
{
    public BenchStack(EmulatorEndpoint emulator, StackOutputs outputs)
    {
        Emulator = emulator;
        Outputs = outputs;
        var aws = new AWSOptions { Credentials = BenchEmulator.Credentials }.ForEndpoint(emulator.Url, EmulatorEndpoint.DefaultRegion);
        aws.DefaultClientConfig.Timeout = TimeSpan.FromMinutes(15); // the large-object section uploads gigabytes
        S3 = aws.CreateAwsClient<IAmazonS3>();
        Dynamo = aws.CreateAwsClient<IAmazonDynamoDB>();
        Sqs = aws.CreateAwsClient<IAmazonSQS>();
    }

    public EmulatorEndpoint Emulator { get; }

    public StackOutputs Outputs { get; }

    public string Bucket => Outputs.BucketName;

    public string Table => Outputs.TableName;

    public string QueueUrl => Outputs.QueueUrl;

    public IAmazonS3 S3 { get; }

    public IAmazonDynamoDB Dynamo { get; }

    public IAmazonSQS Sqs { get; }

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

    /// <summary>Uploads <paramref name="files"/>, <paramref name="uploaders"/> at a time, each with its declared content type.</summary>
    public Task UploadAsync(IReadOnlyList<UploadFile> files, int uploaders, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = uploaders, CancellationToken = cancellationToken }, async (file, ct) =>
            await S3.PutObjectAsync(new PutObjectRequest
            {
                BucketName = Bucket,
                Key = file.Key,
                InputStream = new MemoryStream(file.Content, writable: false),
                ContentType = file.ContentType,
            }, ct));

    /// <summary>
    /// How many records the table holds: DescribeTable's ItemCount, which moto keeps exact. Not a Scan: even with
    /// <c>Select COUNT</c> moto deep-copies every item of the table, so polling by Scan cost the emulator (shared by the
    /// consumer being measured) more the larger the consumer's items were: a third of moto's CPU in a worker run, a
    /// sixth in the ceiling's (docs/benchmarks.md, "Issue 19, third pass"). AWS refreshes ItemCount only every
    /// few hours, but these sections run on their own moto_server only; the scan that reads the records' times at the
    /// end checks the count once more.
    /// </summary>
    public async Task<int> RecordCountAsync(CancellationToken cancellationToken) =>
        (int)((await Dynamo.DescribeTableAsync(Table, cancellationToken)).Table.ItemCount ?? 0);

    public void Dispose()
    {
        S3.Dispose();
        Dynamo.Dispose();
        Sqs.Dispose();
    }
}
