using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using FilePipeline.FileRecords;
using FilePipeline.Tests.Emulator;

namespace FilePipeline.Tests.Viewer;

/// <summary>
/// A bucket and a record table of its own on the shared emulator, and a real viewer process serving them.
/// Records are written the way the processor writes them (<see cref="FileRecordItem.ToItem"/>).
/// </summary>
public class ViewerStack(MotoFixture moto) : IAsyncLifetime
{
    private ViewerProcess? _viewer;

    public string Bucket { get; } = MotoFixture.UniqueName("viewer-bucket");

    public string Table { get; } = MotoFixture.UniqueName("viewer-records");

    public MotoFixture Moto => moto;

    public ViewerProcess Viewer => _viewer ?? throw new InvalidOperationException("The viewer has not started.");

    public Uri Url => Viewer.Url;

    public IAmazonS3 S3 { get; } = moto.Client<IAmazonS3>();

    public IAmazonDynamoDB Dynamo { get; } = moto.Client<IAmazonDynamoDB>();

    /// <summary>Extra viewer settings (environment variables) for a derived stack.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Viewer__DashboardUrl"] = "http://dashboard.test/traces/{traceId}",
        ["Viewer__LivePollInterval"] = "00:00:00.250",
    };

    public virtual async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await S3.PutBucketAsync(new PutBucketRequest { BucketName = Bucket }, ct);
        await Dynamo.CreateTableAsync(RecordTable.CreateTableRequest(Table), ct);
        _viewer = await ViewerProcess.StartAsync(Environment(), cancellationToken: ct);
    }

    /// <summary>The environment the viewer gets: emulator, resources and <see cref="Settings"/>.</summary>
    public Dictionary<string, string> Environment()
    {
        var environment = new Dictionary<string, string>(moto.Emulator.ClientEnvironment())
        {
            ["AWS__Resources__BucketName"] = Bucket,
            ["AWS__Resources__TableName"] = Table,
        };
        foreach (var (name, value) in Settings)
        {
            environment[name] = value;
        }

        return environment;
    }

    public Task PutRecordAsync(FileRecord record, CancellationToken cancellationToken) =>
        Dynamo.PutItemAsync(new PutItemRequest(Table, FileRecordItem.ToItem(record)), cancellationToken);

    /// <summary>A processed text record of this stack's bucket.</summary>
    public FileRecord Record(string key, DateTimeOffset processedAt, RecordStatus status = RecordStatus.Processed, string type = "text/plain") => new()
    {
        Bucket = Bucket,
        Key = key,
        Status = status,
        Reason = status == RecordStatus.Rejected ? "declared type contradicts the content" : null,
        Size = 2_048 + key.Length,
        DeclaredContentType = type,
        DetectedType = type,
        ETag = "\"0123456789abcdef0123456789abcdef\"",
        Sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        EventName = "ObjectCreated:Put",
        EventTime = processedAt.AddSeconds(-2),
        LastModified = processedAt.AddSeconds(-2),
        ReceivedAt = processedAt.AddMilliseconds(-300),
        ProcessedAt = processedAt,
        DurationMs = 42.5,
        Attempts = 1,
        WordCount = 3,
        LineCount = 1,
        Preview = "<img src=x onerror=alert(2)> preview of " + key,
        TraceId = "4bf92f3577b34da6a3ce929d0e0e4736",
        MessageId = Guid.NewGuid().ToString(),
    };

    public virtual async ValueTask DisposeAsync()
    {
        if (_viewer is not null)
        {
            await _viewer.DisposeAsync();
        }

        S3.Dispose();
        Dynamo.Dispose();
        GC.SuppressFinalize(this);
    }
}
