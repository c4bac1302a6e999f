using FilePipeline.Cli;
using FilePipeline.Tests.Emulator;
using FilePipeline.Tests.Processor;

namespace FilePipeline.Tests.Cli;

/// <summary><c>reconcile</c>, run as the operator command line's own process against the shared emulator.</summary>
public sealed class ReconcileVerbTests(MotoFixture moto)
{
    private static readonly TimeSpan VerbTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Reconcile_reports_what_differs_under_the_prefix_and_enqueues_one_sync_per_key()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = await ConvergenceStack.CreateAsync(moto, ct);
        var handler = stack.Handler();
        await stack.PutAsync(stack.Bucket, "in/recorded.txt", Content.Text(1), ct);
        await handler.HandleAsync((await stack.ReceiveAsync(1, ct))[0], ct);
        await stack.PutAsync(stack.Bucket, "in/missed.txt", Content.Text(2), ct);
        await stack.PutAsync(stack.Bucket, "out/missed too.txt", Content.Text(3), ct);
        await stack.ReceiveAsync(2, ct); // both events lost

        var (exitCode, output) = await CliProcess.RunAsync(
            ["reconcile", "--prefix", "in/", "--endpoint", moto.Url.ToString()], VerbTimeout, ct, new Dictionary<string, string>
            {
                ["AWS__Resources__BucketName"] = stack.Bucket,
                ["AWS__Resources__QueueUrl"] = stack.QueueUrl,
                ["AWS__Resources__TableName"] = stack.Table,
            });

        Assert.True(exitCode == ExitCodes.Success, string.Join('\n', output));
        Assert.Contains(
            $"2 objects, 1 records under 'in/' in s3://{stack.Bucket}/: 1 in sync, 1 objects without a record, 0 records without an object, "
            + "0 stale records; enqueued 1 syncs, 0 failed", output);
        var sync = Assert.Single(await stack.ReceiveAsync(1, ct));
        Assert.Equal("in/missed.txt", FilePipeline.Processor.Events.EnvelopeParser.Parse(sync.Body).Events[0].Key);
    }

    [Fact]
    public async Task Reconcile_of_a_stack_that_does_not_exist_says_what_to_set()
    {
        var ct = TestContext.Current.CancellationToken;

        var (exitCode, output) = await CliProcess.RunAsync(
            ["reconcile", "--endpoint", moto.Url.ToString(), "--stack", FilePipeline.Tests.Infra.MotoAws.StackName("no-such-stack")], VerbTimeout, ct);

        Assert.Equal(ExitCodes.Unavailable, exitCode);
        Assert.Contains(output, line => line.StartsWith("Cannot find stack", StringComparison.Ordinal) && line.Contains("AWS__Resources__BucketName", StringComparison.Ordinal));
    }
}
