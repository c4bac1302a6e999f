using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime;
using Microsoft.Extensions.Hosting;
using Amazon.SQS;
using FilePipeline.Operations;

namespace FilePipeline.Tests.AwsClients;

/// <summary>
/// The move-task route of <see cref="DeadLetterRedrive"/>, which moto lacks, against a scripted SQS endpoint that
/// answers as AWS documents it (the client-side fallback is tested on moto in SqsDeadLetterTests and the verbs' tests).
/// </summary>
public sealed class DeadLetterRedriveTests
{
    private const string DeadLetterArn = "arn:aws:sqs:us-east-1:123456789012:dlq";
    private const string QueueArn = "arn:aws:sqs:us-east-1:123456789012:queue";

    [Fact]
    public async Task A_move_task_is_started_and_waited_for_and_its_count_reported()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new ScriptedHttpServer(
            ArnResponse(DeadLetterArn),
            ArnResponse(QueueArn),
            ScriptedResponse.AwsJson(200, """{"TaskHandle":"task-1"}"""),
            ScriptedResponse.AwsJson(200, """{"Results":[{"TaskHandle":"task-1","Status":"RUNNING","ApproximateNumberOfMessagesMoved":3,"ApproximateNumberOfMessagesToMove":7}]}"""),
            ScriptedResponse.AwsJson(200, """{"Results":[{"Status":"COMPLETED","ApproximateNumberOfMessagesMoved":7,"ApproximateNumberOfMessagesToMove":7}]}"""));
        using var sqs = Client(server);

        var result = await new DeadLetterRedrive(sqs).RedriveAsync("http://dlq", "http://queue",
            new RedriveOptions { PollInterval = TimeSpan.FromMilliseconds(10) }, ct);

        Assert.Equal(RedriveMode.MoveTask, result.Mode);
        Assert.Equal("task-1", result.TaskHandle);
        Assert.Equal("COMPLETED", result.Status);
        Assert.Equal(7, result.Moved);
        Assert.True(result.Succeeded);
        var start = server.Requests.ToArray()[2];
        Assert.Equal("AmazonSQS.StartMessageMoveTask", start.Headers["X-Amz-Target"]);
        Assert.Contains(DeadLetterArn, start.Body, StringComparison.Ordinal);
        Assert.Contains(QueueArn, start.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_move_task_is_reported_with_its_reason()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new ScriptedHttpServer(
            ArnResponse(DeadLetterArn),
            ArnResponse(QueueArn),
            ScriptedResponse.AwsJson(200, """{"TaskHandle":"task-2"}"""),
            ScriptedResponse.AwsJson(200, """{"Results":[{"Status":"FAILED","ApproximateNumberOfMessagesMoved":2,"FailureReason":"AccessDenied"}]}"""));
        using var sqs = Client(server);

        var result = await new DeadLetterRedrive(sqs).RedriveAsync("http://dlq", "http://queue", new RedriveOptions(), ct);

        Assert.False(result.Succeeded);
        Assert.Equal(2, result.Moved);
        Assert.Equal("AccessDenied", result.FailureReason);
    }

    [Fact]
    public async Task Without_waiting_the_task_handle_comes_back_at_once()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = new ScriptedHttpServer(
            ArnResponse(DeadLetterArn),
            ArnResponse(QueueArn),
            ScriptedResponse.AwsJson(200, """{"TaskHandle":"task-3"}"""));
        using var sqs = Client(server);

        var result = await new DeadLetterRedrive(sqs).RedriveAsync("http://dlq", "http://queue", new RedriveOptions { WaitForMoveTask = false }, ct);

        Assert.Equal(RedriveMode.MoveTask, result.Mode);
        Assert.Equal("task-3", result.TaskHandle);
        Assert.Equal("RUNNING", result.Status);
        Assert.Equal(3, server.Requests.Count);
    }

    private static ScriptedResponse ArnResponse(string arn) =>
        ScriptedResponse.AwsJson(200, "{\"Attributes\":{\"QueueArn\":\"" + arn + "\"}}");

    private static IAmazonSQS Client(ScriptedHttpServer server)
    {
        var options = new AWSOptions { Credentials = new BasicAWSCredentials("test", "test") }.ForEndpoint(server.Url, "us-east-1");
        options.DefaultClientConfig.MaxErrorRetry = 0;
        return options.CreateAwsClient<IAmazonSQS>();
    }
}
