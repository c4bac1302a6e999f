using System.Diagnostics;
using Amazon.S3.Model;
using Aspire.Hosting.ApplicationModel;

namespace FilePipeline.Tests.AppHost;

/// <summary>
/// The real AppHost's life: moto_server killed under it comes back with the stack provisioned again, and once the
/// app stops no process of it (emulator, processors, viewer, DCP) is left.
/// </summary>
public sealed class AppHostLifecycleTests
{
    [Fact]
    public async Task A_killed_emulator_is_restarted_the_stack_provisioned_again_and_new_uploads_become_records()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var pipeline = new PipelineApp();
        await pipeline.InitializeAsync();
        var oldQueue = pipeline.Outputs.QueueUrl;
        var motoPid = pipeline.ProcessIds("emulator").Values.Single();

        ProcessTable.Signal(motoPid, "KILL");

        // One line says what happened; then the emulator, the stack and the services are back.
        await WaitUntilAsync(() => pipeline.Log.Lines.Any(l => l.Contains("the emulator's in-memory state", StringComparison.Ordinal)), TimeSpan.FromSeconds(60), "the emulator-lost line", ct);
        await WaitUntilAsync(() => pipeline.Log.Lines.Any(l => l.Contains("The emulator is back", StringComparison.Ordinal)), TimeSpan.FromSeconds(120), "the emulator-recovered line", ct);
        foreach (var resource in new[] { "emulator", "stack", "processor", "viewer" })
        {
            await pipeline.WaitForAllInstancesHealthyAsync(resource, ct);
        }

        Assert.Single(pipeline.Log.Lines, l => l.Contains("the emulator's in-memory state", StringComparison.Ordinal));
        Assert.Contains(pipeline.Log.ResourceLines, l => l.Contains("the emulator's in-memory state", StringComparison.Ordinal)); // the dashboard shows it too
        Assert.NotEqual(motoPid, pipeline.ProcessIds("emulator").Values.Single());
        Assert.NotEqual(oldQueue, pipeline.Outputs.QueueUrl); // a new stack: moto lost the old one

        using var s3 = pipeline.S3();
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = pipeline.Outputs.BucketName, Key = "after-restart/hello.txt", ContentBody = "hello again\n" }, ct);
        var records = await pipeline.WaitForRecordsAsync("after-restart/", 1, TimeSpan.FromSeconds(60), ct);
        Assert.Equal(FilePipeline.FileRecords.RecordStatus.Processed, Assert.Single(records).Status);
    }

    [Fact]
    public async Task Once_the_app_stops_no_process_of_it_is_left()
    {
        var ct = TestContext.Current.CancellationToken;
        var pipeline = new PipelineApp();
        int[] pids;
        try
        {
            await pipeline.InitializeAsync();
            var resources = new[] { "emulator", "processor", "viewer" }.SelectMany(r => pipeline.ProcessIds(r).Values).ToArray();
            Assert.Equal(4, resources.Length);
            var dcp = DcpProcesses();
            Assert.NotEmpty(dcp);
            pids = [.. resources, .. resources.SelectMany(ProcessTable.Descendants), .. dcp];
            Assert.True(pids.Length >= 4 + 2, $"resources (each service its own process), DCP: {string.Join(", ", pids.Select(Describe))}");
            Assert.All(pids, pid => Assert.True(ProcessTable.IsRunning(pid), $"pid {pid}"));
        }
        finally
        {
            await pipeline.DisposeAsync();
        }

        // DCP stops the services and lingers a few seconds itself (much longer on a loaded machine): wait for all of it, with a deadline.
        var left = await ProcessTable.WaitUntilGoneAsync(pids, TimeSpan.FromSeconds(120), ct);
        Assert.True(left.Length == 0, $"still running: {string.Join(", ", left.Select(Describe))}");
    }

    /// <summary>DCP's processes started for this test process (they watch it with <c>--monitor &lt;pid&gt;</c>) and their own children.</summary>
    private static int[] DcpProcesses()
    {
        var me = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var apiServers = Directory.EnumerateDirectories("/proc").Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && CommandLine(pid) is { } args && args.Contains("/tools/dcp", StringComparison.Ordinal) && args.Contains($"--monitor\0{me}\0", StringComparison.Ordinal))
            .ToArray();
        var controllers = Directory.EnumerateDirectories("/proc").Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && CommandLine(pid) is { } args && args.Contains("/tools/dcp", StringComparison.Ordinal)
                && apiServers.Any(api => args.Contains($"--monitor\0{api}\0", StringComparison.Ordinal)))
            .ToArray();
        return [.. apiServers, .. controllers];
    }

    private static string? CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string Describe(int pid) => $"{pid} ({CommandLine(pid)?.Replace('\0', ' ').Trim()})";

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < timeout, $"no {what} within {timeout.TotalSeconds} s");
            await Task.Delay(100, ct);
        }
    }
}
