using System.Diagnostics;
using System.Net;
using FilePipeline.Emulator;

namespace FilePipeline.Tests.Emulator;

public sealed class EmulatorEndpointTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    [Fact]
    public async Task Started_emulator_answers_on_loopback_and_is_stopped_on_dispose()
    {
        var ct = TestContext.Current.CancellationToken;
        var emulator = await EmulatorEndpoint.StartMotoAsync(cancellationToken: ct);
        var pid = emulator.ProcessId!.Value;

        Assert.True(emulator.IsOwned);
        Assert.Equal("127.0.0.1", emulator.Url.Host);
        using (var response = await Http.GetAsync(new Uri(emulator.Url, "/moto-api/"), ct))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await emulator.DisposeAsync();

        Assert.False(IsRunning(pid), $"moto_server (pid {pid}) still runs after dispose");
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => Http.GetAsync(emulator.Url, ct));
    }

    [Fact]
    public async Task Reset_wipes_emulator_state()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await EmulatorEndpoint.StartMotoAsync(cancellationToken: ct);
        var bucketUrl = new Uri(emulator.Url, "/reset-test-bucket");
        using (var created = await Http.PutAsync(bucketUrl, null, ct))
        {
            created.EnsureSuccessStatusCode();
        }

        await emulator.ResetAsync(ct);

        using var afterReset = await Http.GetAsync(bucketUrl, ct);
        Assert.Equal(HttpStatusCode.NotFound, afterReset.StatusCode);
    }

    [Fact]
    public async Task Attaching_to_a_given_endpoint_starts_nothing_and_leaves_it_running()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var owner = await EmulatorEndpoint.StartMotoAsync(cancellationToken: ct);

        var attached = await EmulatorEndpoint.StartOrAttachAsync(owner.Url.ToString(), cancellationToken: ct);
        Assert.False(attached.IsOwned);
        Assert.Null(attached.ProcessId);
        Assert.Equal(owner.Url, attached.Url);
        await attached.DisposeAsync();

        using var response = await Http.GetAsync(new Uri(owner.Url, "/moto-api/"), ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Attaching_to_an_endpoint_that_never_answers_fails_with_a_clear_error()
    {
        var ct = TestContext.Current.CancellationToken;
        var error = await Assert.ThrowsAsync<EmulatorStartException>(() =>
            EmulatorEndpoint.StartOrAttachAsync("http://127.0.0.1:9", TimeSpan.FromSeconds(1), ct));
        Assert.Contains("did not answer", error.Message);
    }

    [Fact]
    public void Missing_moto_server_says_how_to_install_it()
    {
        Assert.Contains("pip install \"moto[server]\"", new EmulatorNotFoundException().Message);
    }

    [Fact]
    public async Task Missing_moto_server_on_path_is_reported_by_a_real_process()
    {
        var ct = TestContext.Current.CancellationToken;
        var appHost = Path.Combine(AppContext.BaseDirectory, "FilePipeline.AppHost.dll");
        var emptyPath = Directory.CreateTempSubdirectory("no-moto-").FullName;
        var info = new ProcessStartInfo(DotnetHost.Path) { RedirectStandardError = true, RedirectStandardOutput = true };
        info.ArgumentList.Add(appHost);
        info.Environment["PATH"] = emptyPath;
        info.Environment.Remove("AWS_ENDPOINT_URL");
        using var process = Process.Start(info)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);

        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("pip install \"moto[server]\"", await stdout + await stderr);
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
