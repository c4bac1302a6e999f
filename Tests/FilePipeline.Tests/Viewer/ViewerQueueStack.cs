using Amazon.SQS;
using Amazon.SQS.Model;
using FilePipeline.Tests.Emulator;

namespace FilePipeline.Tests.Viewer;

/// <summary>A <see cref="ViewerStack"/> with a queue and its dead-letter queue (redrive after 2 receives), as the template makes them.</summary>
public class ViewerQueueStack(MotoFixture moto) : ViewerStack(moto)
{
    private string? _queueUrl;
    private string? _deadLetterQueueUrl;

    public IAmazonSQS Sqs { get; } = moto.Client<IAmazonSQS>();

    public string QueueUrl => _queueUrl ?? throw new InvalidOperationException("Not initialized.");

    public string DeadLetterQueueUrl => _deadLetterQueueUrl ?? throw new InvalidOperationException("Not initialized.");

    protected override IReadOnlyDictionary<string, string> Settings
    {
        get
        {
            var settings = new Dictionary<string, string>(base.Settings)
            {
                ["AWS__Resources__QueueUrl"] = QueueUrl,
                ["AWS__Resources__DeadLetterQueueUrl"] = DeadLetterQueueUrl,
            };
            return settings;
        }
    }

    public override async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        _deadLetterQueueUrl = (await Sqs.CreateQueueAsync(new CreateQueueRequest(MotoFixture.UniqueName("viewer-dlq")), ct)).QueueUrl!;
        var dlqArn = (await Sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest(_deadLetterQueueUrl, [QueueAttributeName.QueueArn]), ct)).QueueARN;
        _queueUrl = (await Sqs.CreateQueueAsync(new CreateQueueRequest(MotoFixture.UniqueName("viewer-queue"))
        {
            Attributes = new()
            {
                [QueueAttributeName.RedrivePolicy] = $$"""{"deadLetterTargetArn":"{{dlqArn}}","maxReceiveCount":"2"}""",
            },
        }, ct)).QueueUrl!;
        await base.InitializeAsync();
    }

    /// <summary>Approximate visible messages in <paramref name="queueUrl"/>.</summary>
    public async Task<int> DepthAsync(string queueUrl, CancellationToken ct) =>
        (await Sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest(queueUrl, [QueueAttributeName.ApproximateNumberOfMessages]), ct))
            .ApproximateNumberOfMessages;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Sqs.Dispose();
    }
}
