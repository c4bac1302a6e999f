using System.Net;
using System.Net.Sockets;
using System.Xml.Linq;
using Amazon.Runtime;
using Amazon.S3;
using FilePipeline.Processor.Lambda;
using FilePipeline.Tests.AwsClients;
using FilePipeline.Tests.Emulator;
using FilePipeline.Tests.Processor;
using Microsoft.Extensions.Logging.Abstractions;

namespace FilePipeline.Tests.Infra;

/// <summary>
/// The <c>Custom::BucketNotification</c> protocol: CloudFormation's requests arrive through an in-test Runtime API
/// (<see cref="FakeRuntimeApi"/>), the answers go to an in-test response URL (<see cref="ResponseUrlServer"/>), the bucket
/// is moto's (<see cref="SharedBucket"/>, another consumer already on it).
/// </summary>
public sealed class BucketNotificationResourceTests(MotoFixture moto) : IDisposable
{
    private const string StackId = "arn:aws:cloudformation:us-east-1:123456789012:stack/fp-attach/5b9e3c40-0d2a-11f0-9c1a-0a1b2c3d4e5f";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly MotoAws _aws = new(moto);

    public void Dispose() => _aws.Dispose();

    [Fact]
    public async Task Create_update_and_delete_answer_success_and_leave_the_other_consumers_configuration_as_it_was()
    {
        var ct = TestContext.Current.CancellationToken;
        var bucket = await SharedBucket.CreateAsync(_aws, moto.Url, ct);
        var queueArn = await QueueArnAsync(ct);
        await using var cloudFormation = await CloudFormationSide.StartAsync(_aws.S3, ct);
        var properties = new Properties(bucket.Name, "Direct", queueArn, "uploads/");

        var create = await cloudFormation.SendAsync("Create", "c-1", properties, ct: ct);

        Assert.Equal((CustomResourceResponse.Success, $"{bucket.Name}|FilePipeline-fp-attach|eventbridge-before=off"), (create.Response.Status, create.Response.PhysicalResourceId));
        Assert.Equal((StackId, "c-1", "BucketNotification"), (create.Response.StackId, create.Response.RequestId, create.Response.LogicalResourceId));
        Assert.Null(create.ContentType); // the pre-signed URL is signed without one
        var attached = await bucket.ReadAsync(ct);
        Assert.Equal(bucket.TheirConfigurations, SharedBucket.Configurations(attached));
        Assert.Contains("<Value>uploads/</Value>", Assert.Single(SharedBucket.PipelineConfigurations(attached)), StringComparison.Ordinal);

        var update = await cloudFormation.SendAsync("Update", "u-1", properties with { KeyPrefix = "incoming/" }, properties, create.Response.PhysicalResourceId, ct);

        Assert.Equal((CustomResourceResponse.Success, create.Response.PhysicalResourceId), (update.Response.Status, update.Response.PhysicalResourceId));
        var updated = await bucket.ReadAsync(ct);
        Assert.Equal(bucket.TheirConfigurations, SharedBucket.Configurations(updated));
        Assert.Contains("<Value>incoming/</Value>", Assert.Single(SharedBucket.PipelineConfigurations(updated)), StringComparison.Ordinal);

        var delete = await cloudFormation.SendAsync("Delete", "d-1", properties with { KeyPrefix = "incoming/" }, physicalId: update.Response.PhysicalResourceId, ct: ct);

        Assert.Equal((CustomResourceResponse.Success, update.Response.PhysicalResourceId), (delete.Response.Status, delete.Response.PhysicalResourceId));
        Assert.Equal(bucket.Original, await bucket.ReadAsync(ct));
    }

    [Fact]
    public async Task Update_to_another_bucket_attaches_there_and_the_delete_of_the_old_physical_id_cleans_the_old_bucket()
    {
        var ct = TestContext.Current.CancellationToken;
        var first = await SharedBucket.CreateAsync(_aws, moto.Url, ct);
        var second = await SharedBucket.CreateAsync(_aws, moto.Url, ct);
        var queueArn = await QueueArnAsync(ct);
        await using var cloudFormation = await CloudFormationSide.StartAsync(_aws.S3, ct);
        var before = new Properties(first.Name, "Sns", "arn:aws:sns:us-east-1:123456789012:fp-attach-uploads", "uploads/");
        var after = before with { BucketName = second.Name, Routing = "Direct", DestinationArn = queueArn };
        var create = await cloudFormation.SendAsync("Create", "c-2", before, ct: ct);

        var update = await cloudFormation.SendAsync("Update", "u-2", after, before, create.Response.PhysicalResourceId, ct);
        // CloudFormation deletes the replaced physical id with the old properties once the update is through.
        var cleanup = await cloudFormation.SendAsync("Delete", "d-2", before, physicalId: create.Response.PhysicalResourceId, ct: ct);

        Assert.Equal(CustomResourceResponse.Success, update.Response.Status);
        Assert.Equal($"{second.Name}|FilePipeline-fp-attach|eventbridge-before=off", update.Response.PhysicalResourceId);
        Assert.Equal(CustomResourceResponse.Success, cleanup.Response.Status);
        Assert.Equal(first.Original, await first.ReadAsync(ct));
        var moved = await second.ReadAsync(ct);
        Assert.Equal(second.TheirConfigurations, SharedBucket.Configurations(moved));
        Assert.Contains($"<Queue>{queueArn}</Queue>", Assert.Single(SharedBucket.PipelineConfigurations(moved)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overlapping_entry_answers_failed_naming_it_and_the_rollback_delete_changes_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var bucket = await SharedBucket.CreateAsync(_aws, moto.Url, ct);
        await using var cloudFormation = await CloudFormationSide.StartAsync(_aws.S3, ct);
        var properties = new Properties(bucket.Name, "Direct", await QueueArnAsync(ct), "thumbnails/large/");

        var create = await cloudFormation.SendAsync("Create", "c-3", properties, ct: ct);
        var rollback = await cloudFormation.SendAsync("Delete", "d-3", properties, physicalId: create.Response.PhysicalResourceId, ct: ct);

        Assert.Equal(CustomResourceResponse.Failed, create.Response.Status);
        Assert.Contains("queue configuration 'thumbnails'", create.Response.Reason, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", create.Response.Reason, StringComparison.Ordinal);
        Assert.Equal(CustomResourceResponse.Success, rollback.Response.Status);
        Assert.Equal(bucket.Original, await bucket.ReadAsync(ct));
    }

    [Fact]
    public async Task Missing_bucket_answers_failed_and_its_delete_succeeds()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cloudFormation = await CloudFormationSide.StartAsync(_aws.S3, ct);
        var properties = new Properties(MotoFixture.UniqueName("absent"), "EventBridge", "", "");

        var create = await cloudFormation.SendAsync("Create", "c-4", properties, ct: ct);
        var delete = await cloudFormation.SendAsync("Delete", "d-4", properties, physicalId: create.Response.PhysicalResourceId, ct: ct);

        Assert.Equal(CustomResourceResponse.Failed, create.Response.Status);
        Assert.Contains("does not exist", create.Response.Reason, StringComparison.Ordinal);
        Assert.Equal(CustomResourceResponse.Success, delete.Response.Status);
    }

    [Fact]
    public async Task Work_that_would_outlast_the_deadline_answers_failed_before_the_deadline()
    {
        var ct = TestContext.Current.CancellationToken;
        using var silent = new SilentServer();
        using var s3 = new AmazonS3Client(new BasicAWSCredentials("test", "test"),
            new AmazonS3Config { ServiceURL = silent.Url, ForcePathStyle = true, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
        await using var cloudFormation = await CloudFormationSide.StartAsync(s3, ct);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(4);

        var outcome = cloudFormation.Api.InvokeAsync("t-1", Request("Create", cloudFormation.Urls.UrlFor("t-1"), "t-1", new Properties("hangs", "Direct", "arn:aws:sqs:us-east-1:123456789012:q", "")), deadline);
        var answer = await cloudFormation.Urls.NextAsync(ct);

        Assert.Equal(CustomResourceResponse.Failed, answer.Response.Status);
        Assert.Contains("did not finish in time", answer.Response.Reason, StringComparison.Ordinal);
        Assert.True(answer.At < deadline, $"answered at {answer.At:O}, deadline {deadline:O}");
        Assert.Equal("response", (await outcome.WaitAsync(Patience, ct)).Kind);
    }

    [Fact]
    public async Task Response_url_that_refuses_once_gets_the_answer_again()
    {
        var ct = TestContext.Current.CancellationToken;
        var bucket = await SharedBucket.CreateAsync(_aws, moto.Url, ct);
        await using var cloudFormation = await CloudFormationSide.StartAsync(_aws.S3, ct);
        cloudFormation.Urls.RespondNext(503);

        var create = await cloudFormation.SendAsync("Create", "r-1", new Properties(bucket.Name, "EventBridge", "", ""), ct: ct);

        Assert.Equal(CustomResourceResponse.Success, create.Response.Status);
        Assert.Equal(2, cloudFormation.Urls.All.Count);
        Assert.Equal(cloudFormation.Urls.All.First().Body, create.Body);
    }

    [Fact]
    public async Task Request_without_a_response_url_is_an_invocation_error()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cloudFormation = await CloudFormationSide.StartAsync(_aws.S3, ct);

        var outcome = await cloudFormation.Api.InvokeAsync("n-1", """{"RequestType":"Create","StackId":"x","RequestId":"n-1","LogicalResourceId":"L"}""", DateTimeOffset.UtcNow.AddMinutes(1))
            .WaitAsync(Patience, ct);

        Assert.Equal("error", outcome.Kind);
    }

    [Fact]
    public async Task EventBridge_delivery_S3_reports_is_kept_and_switched_off_only_when_the_pipeline_switched_it_on()
    {
        // moto leaves EventBridgeConfiguration out of GetBucketNotificationConfiguration: S3's documented answer is played here.
        var ct = TestContext.Current.CancellationToken;
        const string Theirs = "<QueueConfiguration><Id>theirs</Id><Queue>arn:aws:sqs:us-east-1:123456789012:theirs</Queue><Event>s3:ObjectCreated:*</Event>"
            + "<Filter><S3Key><FilterRule><Name>Prefix</Name><Value>thumbnails/</Value></FilterRule></S3Key></Filter></QueueConfiguration>";
        var read = ScriptedResponse.Xml(200, $"""<?xml version="1.0" encoding="UTF-8"?><NotificationConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">{Theirs}<EventBridgeConfiguration></EventBridgeConfiguration></NotificationConfiguration>""");
        var written = ScriptedResponse.Xml(200, "");
        await using var s3Server = new ScriptedHttpServer(read, written, read, written, read, written);
        using var s3 = new AmazonS3Client(new BasicAWSCredentials("test", "test"),
            new AmazonS3Config { ServiceURL = s3Server.Url.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
        await using var cloudFormation = await CloudFormationSide.StartAsync(s3, ct);
        var direct = new Properties("shared", "Direct", "arn:aws:sqs:us-east-1:123456789012:pipeline", "uploads/");
        var eventBridge = direct with { Routing = "EventBridge", DestinationArn = "" };

        var create = await cloudFormation.SendAsync("Create", "e-1", direct, ct: ct);
        var ownedDelete = await cloudFormation.SendAsync("Delete", "e-2", eventBridge, physicalId: "shared|FilePipeline-fp-attach|eventbridge-before=off", ct: ct);
        var keptDelete = await cloudFormation.SendAsync("Delete", "e-3", eventBridge, physicalId: "shared|FilePipeline-fp-attach|eventbridge-before=on", ct: ct);

        Assert.Equal("shared|FilePipeline-fp-attach|eventbridge-before=on", create.Response.PhysicalResourceId);
        Assert.All([create, ownedDelete, keptDelete], answer => Assert.Equal(CustomResourceResponse.Success, answer.Response.Status));
        var puts = s3Server.Requests.Where(r => r.Method == "PUT").Select(r => r.Body).ToList();
        Assert.Equal(2, puts.Count); // the delete that owns nothing of the bucket writes nothing
        // The SDK writes elements in its own order: their entry must be the same elements with the same values.
        var theirs = Canonical(XElement.Parse(Theirs));
        Assert.Equal(
            [theirs, "<QueueConfiguration><Event>s3:ObjectCreated:*</Event><Event>s3:ObjectRemoved:*</Event><Filter><S3Key><FilterRule><Name>prefix</Name><Value>uploads/</Value></FilterRule></S3Key></Filter><Id>FilePipeline-fp-attach</Id><Queue>arn:aws:sqs:us-east-1:123456789012:pipeline</Queue></QueueConfiguration>"],
            Configurations(puts[0]));
        Assert.Single(XElement.Parse(puts[0]).Elements(S3Xml + "EventBridgeConfiguration"));
        Assert.Equal([theirs], Configurations(puts[1]));
        Assert.Empty(XElement.Parse(puts[1]).Elements(S3Xml + "EventBridgeConfiguration"));
    }

    [Fact]
    public void Handler_setting_names_what_the_bootstrap_serves()
    {
        Assert.Equal(LambdaHandler.SqsBatch, LambdaHandlers.Parse(null));
        Assert.Equal(LambdaHandler.SqsBatch, LambdaHandlers.Parse("bootstrap"));
        Assert.Equal(LambdaHandler.BucketNotification, LambdaHandlers.Parse("bucket-notification"));
        var error = Assert.Throws<ArgumentException>(() => LambdaHandlers.Parse("index.handler"));
        Assert.Contains("'bootstrap'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'bucket-notification'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bootstrap_with_the_bucket_notification_handler_serves_the_custom_resource_without_the_processors_settings()
    {
        var ct = TestContext.Current.CancellationToken;
        var bucket = await SharedBucket.CreateAsync(_aws, moto.Url, ct);
        await using var cloudFormation = await CloudFormationSide.StartAsync(null, ct);
        // No AWS__Resources__TableName: the processor's settings are not this handler's.
        using var lambda = ProcessorProcess.Start(moto, new Dictionary<string, string>
        {
            ["AWS_LAMBDA_RUNTIME_API"] = cloudFormation.Api.Address,
            ["_HANDLER"] = LambdaHandlers.BucketNotificationName,
        });
        var properties = new Properties(bucket.Name, "Direct", await QueueArnAsync(ct), "uploads/");

        var create = await cloudFormation.SendAsync("Create", "b-1", properties, ct: ct);
        var delete = await cloudFormation.SendAsync("Delete", "b-2", properties, physicalId: create.Response.PhysicalResourceId, ct: ct);

        Assert.Equal((CustomResourceResponse.Success, CustomResourceResponse.Success), (create.Response.Status, delete.Response.Status));
        Assert.Equal(bucket.Original, await bucket.ReadAsync(ct));
        Assert.False(lambda.HasExited);
    }

    [Fact]
    public async Task Bootstrap_with_an_unknown_handler_reports_an_init_error_naming_the_handlers()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var api = await FakeRuntimeApi.StartAsync(ct);
        using var lambda = ProcessorProcess.Start(moto, new Dictionary<string, string> { ["AWS_LAMBDA_RUNTIME_API"] = api.Address, ["_HANDLER"] = "index.handler" });

        var error = await api.InitError.WaitAsync(Patience, ct);

        Assert.Contains("bucket-notification", error.Body, StringComparison.Ordinal);
        Assert.Equal(1, await lambda.WaitForExitAsync(Patience, ct));
    }

    private static readonly XNamespace S3Xml = "http://s3.amazonaws.com/doc/2006-03-01/";

    /// <summary>The queue, topic and function configurations of a NotificationConfiguration document, each canonical.</summary>
    private static List<string> Configurations(string xml) =>
        [.. XElement.Parse(xml).Elements().Where(e => e.Name.LocalName.EndsWith("Configuration", StringComparison.Ordinal) && e.Name.LocalName != "EventBridgeConfiguration").Select(Canonical)];

    /// <summary>An element with its children in name-then-value order and no namespace: equal when the same elements hold the same values.</summary>
    private static string Canonical(XElement element) => element.HasElements
        ? $"<{element.Name.LocalName}>{string.Concat(element.Elements().Select(Canonical).Order(StringComparer.Ordinal))}</{element.Name.LocalName}>"
        : $"<{element.Name.LocalName}>{element.Value}</{element.Name.LocalName}>";

    private async Task<string> QueueArnAsync(CancellationToken ct)
    {
        var url = (await _aws.Sqs.CreateQueueAsync(MotoFixture.UniqueName("pipeline"), ct)).QueueUrl!;
        return (await _aws.Sqs.GetQueueAttributesAsync(url, ["QueueArn"], ct)).Attributes!["QueueArn"];
    }

    /// <summary>A request in CloudFormation's shape: every property a string, ServiceToken and ServiceTimeout among them.</summary>
    private static string Request(string type, string responseUrl, string requestId, Properties properties, Properties? old = null, string? physicalId = null) => $$"""
        {
          "RequestType": "{{type}}",
          "ServiceToken": "arn:aws:lambda:us-east-1:123456789012:function:fp-attach-bucket-notification",
          "ResponseURL": "{{responseUrl}}",
          "StackId": "{{StackId}}",
          "RequestId": "{{requestId}}",
          "LogicalResourceId": "BucketNotification",
          {{(physicalId is null ? "" : $"\"PhysicalResourceId\": \"{physicalId}\",")}}
          "ResourceType": "Custom::BucketNotification",
          {{(old is null ? "" : $"\"OldResourceProperties\": {old.Json},")}}
          "ResourceProperties": {{properties.Json}}
        }
        """;

    /// <summary>
    /// CloudFormation's side: the Runtime API through which it invokes the function, and the response URL it reads the
    /// answer from. With an S3 client, the custom resource runs here in the test's process (else a bootstrap process does).
    /// </summary>
    private sealed class CloudFormationSide : IAsyncDisposable
    {
        private RunningLoop? _loop;

        private CloudFormationSide(FakeRuntimeApi api, ResponseUrlServer urls)
        {
            Api = api;
            Urls = urls;
        }

        public FakeRuntimeApi Api { get; }

        public ResponseUrlServer Urls { get; }

        public static async Task<CloudFormationSide> StartAsync(IAmazonS3? s3, CancellationToken ct)
        {
            var side = new CloudFormationSide(await FakeRuntimeApi.StartAsync(ct), await ResponseUrlServer.StartAsync(ct));
            if (s3 is not null)
            {
                var cancel = new CancellationTokenSource();
                var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
                var handler = new BucketNotificationResource(s3, new CustomResourceResponder(http), TimeProvider.System, NullLogger<BucketNotificationResource>.Instance);
                var runtime = new LambdaRuntime(
                    new RuntimeApiClient(http, side.Api.Address), handler, TimeSpan.FromMilliseconds(500), _ => true, TimeSpan.Zero, TimeProvider.System, NullLogger<LambdaRuntime>.Instance);
                side._loop = new RunningLoop(runtime.RunAsync(cancel.Token), cancel, http);
            }

            return side;
        }

        /// <summary>Sends one request as CloudFormation does and returns the answer that reached the response URL.</summary>
        public async Task<ResponseUrlServer.Answer> SendAsync(
            string type, string requestId, Properties properties, Properties? old = null, string? physicalId = null, CancellationToken ct = default)
        {
            var outcome = await Api.InvokeAsync(requestId, Request(type, Urls.UrlFor(requestId), requestId, properties, old, physicalId), DateTimeOffset.UtcNow.AddMinutes(2))
                .WaitAsync(Patience, ct);
            Assert.Equal("response", outcome.Kind);
            var answer = await Urls.NextAsync(ct);
            Assert.Equal(requestId, answer.RequestId);
            Assert.Equal(answer.Body, outcome.Body); // the invocation's own result is the answer it sent
            return answer;
        }

        public async ValueTask DisposeAsync()
        {
            _loop?.Dispose();
            await Api.DisposeAsync();
            await Urls.DisposeAsync();
        }
    }

    private sealed record Properties(string BucketName, string Routing, string DestinationArn, string KeyPrefix, string KeySuffix = "")
    {
        public string Json => $$"""
            {"ServiceToken":"arn:aws:lambda:us-east-1:123456789012:function:fp-attach-bucket-notification","ServiceTimeout":"300",
             "BucketName":"{{BucketName}}","ConfigurationId":"FilePipeline-fp-attach","Routing":"{{Routing}}","DestinationArn":"{{DestinationArn}}",
             "KeyPrefix":"{{KeyPrefix}}","KeySuffix":"{{KeySuffix}}"}
            """;
    }

    /// <summary>A loopback server that accepts connections and never answers: an S3 that hangs.</summary>
    private sealed class SilentServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly List<Socket> _held = [];

        public SilentServer()
        {
            _listener.Start();
            Url = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
            _ = Task.Run(async () =>
            {
                try
                {
                    while (true)
                    {
                        var socket = await _listener.AcceptSocketAsync();
                        lock (_held)
                        {
                            _held.Add(socket);
                        }
                    }
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                }
            });
        }

        public string Url { get; }

        public void Dispose()
        {
            _listener.Stop();
            lock (_held)
            {
                _held.ForEach(socket => socket.Dispose());
            }
        }
    }
}
