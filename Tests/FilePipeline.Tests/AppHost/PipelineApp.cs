using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SQS;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using FilePipeline.AppHost.CloudFormation;
using FilePipeline.FileRecords;
using FilePipeline.Provisioning;
using FilePipeline.Tests.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace FilePipeline.Tests.AppHost;

/// <summary>
/// The real AppHost started through Aspire.Hosting.Testing (DCP, moto_server on a free port, the stack, two
/// processor replicas, the viewer), its services exporting OTLP to an in-test receiver, and clients pointed at its
/// emulator. One per test class; <see cref="DisposeAsync"/> stops the whole app.
/// </summary>
public sealed class PipelineApp : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private readonly string _folder = Directory.CreateTempSubdirectory("apphost-test-").FullName;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ResourceEvent> _instances = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopWatching = new();
    private DistributedApplication? _app;
    private Task? _watching;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The app has not started.");

    public OtlpReceiver Telemetry { get; private set; } = null!;

    /// <summary>The file the AppHost writes for the command line once it is ready.</summary>
    public string StateFile => Path.Combine(_folder, "apphost.json");

    public Uri Emulator { get; private set; } = null!;

    public StackOutputs Outputs => Stack.Outputs ?? throw new InvalidOperationException("The stack is not provisioned.");

    public CloudFormationTemplateResource Stack => Model.Resources.OfType<CloudFormationTemplateResource>().Single();

    public DistributedApplicationModel Model => App.Services.GetRequiredService<DistributedApplicationModel>();

    /// <summary>What the AppHost's own code logged (category FilePipeline.AppHost.*).</summary>
    public AppHostLog Log { get; } = new();

    /// <summary>
    /// Each replica starts at most this many messages a second: a replica that received a batch (up to 10 per poll,
    /// 2 pollers) holds it for seconds, so a replica killed during a burst is killed while it holds messages.
    /// </summary>
    public const int ProcessorMessagesPerSecond = 4;

    public static BasicAWSCredentials Credentials { get; } = new("test", "test");

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(StartTimeout);
        Telemetry = await OtlpReceiver.StartAsync(deadline.Token);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [
                "--Pipeline:Emulator=moto",
                "--Pipeline:EmulatorPort=0",
                $"--Pipeline:StateFile={StateFile}",
            ],
            deadline.Token);

        // Every service exports OTLP here instead of to the dashboard (the launch profile's address), read when each starts.
        // (the gRPC address, preferred when set, is cleared: the receiver speaks OTLP/HTTP).
        builder.Configuration["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = null;
        builder.Configuration["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = Telemetry.Endpoint.ToString().TrimEnd('/');
        builder.Services.AddLogging(logging => logging.AddProvider(Log));
        builder.CreateResourceBuilder<ProjectResource>("processor")
            .WithEnvironment("Processor__MaxMessagesPerSecond", ProcessorMessagesPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture));

        _app = await builder.BuildAsync(deadline.Token);
        _watching = WatchAsync(_app, _stopWatching.Token);
        await _app.StartAsync(deadline.Token);
        foreach (var resource in new[] { "emulator", "stack", "processor", "viewer" })
        {
            await WaitForAllInstancesHealthyAsync(resource, deadline.Token);
        }

        Emulator = new Uri(_app.GetEndpoint("emulator", "http").ToString().TrimEnd('/'));
    }

    /// <summary>The latest state of each instance (each replica) of <paramref name="resource"/>, by instance id.</summary>
    public IReadOnlyDictionary<string, CustomResourceSnapshot> Instances(string resource) =>
        _instances.Values.Where(e => e.Resource.Name == resource && !e.Snapshot.IsHidden).ToDictionary(e => e.ResourceId, e => e.Snapshot, StringComparer.Ordinal);

    /// <summary>
    /// Waits until every instance (each replica) of <paramref name="resource"/> is Running and healthy, at most
    /// <paramref name="timeout"/> (<see cref="StartTimeout"/> unless given): past it, fails naming each instance's state and health.
    /// </summary>
    public async Task WaitForAllInstancesHealthyAsync(string resource, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var model = Model.Resources.Single(r => r.Name == resource);
        var expected = model.Annotations.OfType<ReplicaAnnotation>().LastOrDefault()?.Replicas ?? 1;
        var deadline = DateTime.UtcNow + (timeout ?? StartTimeout);
        while (true)
        {
            var instances = Instances(resource);
            if (instances.Count == expected && instances.Values.All(s => s.State?.Text == KnownResourceStates.Running && s.HealthStatus == HealthStatus.Healthy))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{resource}: {instances.Count} of {expected} instances, not all Running and healthy: "
                    + string.Join("; ", instances.Select(pair => $"{pair.Key} {pair.Value.State?.Text ?? "no state"}, health {pair.Value.HealthStatus?.ToString() ?? "none"}, {Serving(pair.Value)}"))
                    + "; its last console lines:" + string.Concat(Log.LastResourceLines(resource, 15).Select(line => "\n  " + line)));
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>
    /// Where an instance was told to serve, for a timeout's message: <c>ASPNETCORE_URLS</c> as Aspire reports it, and as
    /// the process (and any children) has it. A restarted replica was once seen
    /// polling without it, and so serving no <c>/health</c>.
    /// </summary>
    private static string Serving(CustomResourceSnapshot snapshot)
    {
        var reported = snapshot.EnvironmentVariables.FirstOrDefault(v => v.Name == "ASPNETCORE_URLS")?.Value ?? "none";
        var pid = snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value?.ToString();
        if (!int.TryParse(pid, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            return $"ASPNETCORE_URLS reported {reported}, no pid";
        }

        var processes = new[] { id }.Concat(ProcessTable.Descendants(id)).Select(p => $"{p}: {ProcessUrls(p)}");
        return $"ASPNETCORE_URLS reported {reported}, in its processes {string.Join(", ", processes)}";

        static string ProcessUrls(int pid)
        {
            try
            {
                return File.ReadAllText($"/proc/{pid}/environ").Split('\0').FirstOrDefault(v => v.StartsWith("ASPNETCORE_URLS=", StringComparison.Ordinal)) ?? "none";
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                return "gone";
            }
        }
    }

    /// <summary>The process id of each instance of <paramref name="resource"/> now (DCP's <c>executable.pid</c> property).</summary>
    public IReadOnlyDictionary<string, int> ProcessIds(string resource) =>
        Instances(resource)
            .Where(pair => pair.Value.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is not null)
            .ToDictionary(
                pair => pair.Key,
                pair => Convert.ToInt32(pair.Value.Properties.First(p => p.Name == "executable.pid").Value, System.Globalization.CultureInfo.InvariantCulture),
                StringComparer.Ordinal);

    private async Task WatchAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var update in app.ResourceNotifications.WatchAsync(cancellationToken))
            {
                _instances[update.ResourceId] = update;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The app is being disposed.
        }
    }

    public AmazonS3Client S3() => new(Credentials, new AmazonS3Config { ServiceURL = Emulator.ToString(), AuthenticationRegion = "us-east-1", ForcePathStyle = true });

    public AmazonSQSClient Sqs() => new(Credentials, new AmazonSQSConfig { ServiceURL = Emulator.ToString(), AuthenticationRegion = "us-east-1" });

    public AmazonDynamoDBClient Dynamo() => new(Credentials, new AmazonDynamoDBConfig { ServiceURL = Emulator.ToString(), AuthenticationRegion = "us-east-1" });

    /// <summary>Every record under <paramref name="prefix"/> in the stack's table.</summary>
    public async Task<List<FileRecord>> RecordsAsync(string prefix, CancellationToken cancellationToken)
    {
        using var dynamo = Dynamo();
        var records = new List<FileRecord>();
        var request = new QueryRequest
        {
            TableName = Outputs.TableName,
            KeyConditionExpression = "#b = :b AND begins_with(#k, :p)",
            ExpressionAttributeNames = new() { ["#b"] = RecordTable.BucketAttribute, ["#k"] = RecordTable.KeyAttribute },
            ExpressionAttributeValues = new() { [":b"] = new AttributeValue { S = Outputs.BucketName }, [":p"] = new AttributeValue { S = prefix } },
            ConsistentRead = true,
        };
        do
        {
            var page = await dynamo.QueryAsync(request, cancellationToken);
            records.AddRange(page.Items.Select(FileRecordItem.FromItem));
            request.ExclusiveStartKey = page.LastEvaluatedKey;
        }
        while (request.ExclusiveStartKey is { Count: > 0 });

        return records;
    }

    /// <summary>Waits until <paramref name="expected"/> records exist under <paramref name="prefix"/>.</summary>
    public async Task<List<FileRecord>> WaitForRecordsAsync(string prefix, int expected, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var records = await RecordsAsync(prefix, cancellationToken);
            if (records.Count >= expected)
            {
                return records;
            }

            Assert.True(clock.Elapsed < timeout, $"{records.Count} of {expected} records under {prefix} after {timeout.TotalSeconds} s");
            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>Waits until the record of <paramref name="key"/> has <paramref name="status"/>.</summary>
    public async Task<FileRecord> WaitForStatusAsync(string key, RecordStatus status, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var record = (await RecordsAsync(key, cancellationToken)).FirstOrDefault(r => r.Key == key);
            if (record?.Status == status)
            {
                return record;
            }

            Assert.True(clock.Elapsed < timeout, $"the record of {key} is {record?.Status.ToString() ?? "absent"}, not {status}, after {timeout.TotalSeconds} s");
            await Task.Delay(250, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopWatching.CancelAsync();
        if (_watching is not null)
        {
            await _watching;
        }

        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _stopWatching.Dispose();

        if (Telemetry is not null)
        {
            await Telemetry.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }
}
