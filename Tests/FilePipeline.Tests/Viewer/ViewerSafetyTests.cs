using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Amazon.S3.Model;
using FilePipeline.FileRecords;
using FilePipeline.Viewer.Security;
using Microsoft.Extensions.Configuration;
using FilePipeline.Tests.Emulator;

namespace FilePipeline.Tests.Viewer;

/// <summary>Safe by default: loopback binding, the access token, the upload size limit. Each test starts its own viewer.</summary>
public sealed class ViewerSafetyTests(MotoFixture moto)
{
    [Fact]
    public async Task Non_loopback_address_is_refused_without_an_access_token()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = new ViewerStack(moto);

        await using var viewer = await ViewerProcess.StartAsync(stack.Environment(), url: "http://0.0.0.0:0", waitUntilHealthy: false, cancellationToken: ct);

        Assert.True(await viewer.WaitForExitAsync(ViewerProcess.StartupDeadline, ct), "the viewer kept running on 0.0.0.0 without a token");
        Assert.NotEqual(0, viewer.ExitCode);
        Assert.Contains("Refusing to listen on http://0.0.0.0:0", viewer.Output, StringComparison.Ordinal);
        Assert.Contains("Viewer__AccessToken", viewer.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_listen_address_the_viewer_binds_to_loopback_only()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = new ViewerStack(moto);
        await stack.S3.PutBucketAsync(stack.Bucket, ct);
        await stack.Dynamo.CreateTableAsync(RecordTable.CreateTableRequest(stack.Table), ct);
        var defaultPortFree = PortIsFree(5080);
        var otherAddress = NonLoopbackAddress();

        // No ASPNETCORE_URLS, no --urls, no HTTP_PORTS: the viewer picks its own default.
        await using var viewer = await ViewerProcess.StartAsync(stack.Environment(), url: ViewerProcess.NoListenAddress, waitUntilHealthy: false, cancellationToken: ct);

        if (defaultPortFree)
        {
            await WaitUntilAsync(() => viewer.Output.Contains("Now listening on:", StringComparison.Ordinal) || viewer.HasExited, ct);
            Assert.False(viewer.HasExited, viewer.Output);
            var listening = viewer.Output.Split('\n').Where(line => line.Contains("Now listening on:", StringComparison.Ordinal)).ToList();
            Assert.Equal("Now listening on: http://127.0.0.1:5080", Assert.Single(listening).Trim());
            await AssertLoopbackOnlyAsync(5080, otherAddress, ct);
        }
        else
        {
            // Something else holds 5080 on this machine, so the default cannot be bound here: the viewer tried loopback
            // (and nothing else), said so, and stopped.
            Assert.True(await viewer.WaitForExitAsync(ViewerProcess.StartupDeadline, ct), viewer.Output);
            Assert.Contains("127.0.0.1:5080", viewer.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Now listening on:", viewer.Output, StringComparison.Ordinal);

            // What a loopback name binds, checked on a free port instead: loopback answers, this machine's other address
            // refuses the connection.
            var port = FreePort();
            await using var onFreePort = await ViewerProcess.StartAsync(stack.Environment(), url: $"http://localhost:{port}", cancellationToken: ct);
            await AssertLoopbackOnlyAsync(port, otherAddress, ct);
        }
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://127.1.2.3:80", true)]
    [InlineData("http://localhost:5000", true)]
    [InlineData("http://LOCALHOST:5000/", true)]
    [InlineData("http://[::1]:5000", true)]
    [InlineData("https://127.0.0.1:5001/base", true)]
    [InlineData("http://0.0.0.0:5000", false)]
    [InlineData("http://*:5000", false)]
    [InlineData("http://+:5000", false)]
    [InlineData("http://[::]:5000", false)]
    [InlineData("http://192.168.1.20:5000", false)]
    [InlineData("http://viewer.example:5000", false)]
    [InlineData("http://localhost.example:5000", false)]
    [InlineData("not a url", false)]
    public void Only_loopback_addresses_count_as_loopback(string url, bool loopback) =>
        Assert.Equal(loopback, ListenAddressPolicy.IsLoopback(url));

    [Fact]
    public void Every_way_of_naming_an_address_is_checked()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:5080; http://0.0.0.0:5081",
            ["http_ports"] = "8080",
            ["Kestrel:Endpoints:Lan:Url"] = "http://192.168.1.20:5082",
            ["Kestrel:Endpoints:Local:Url"] = "http://localhost:5083",
        }).Build();

        var urls = ListenAddressPolicy.ConfiguredUrls(configuration);

        Assert.Equal(["http://0.0.0.0:5081", "http://*:8080", "http://192.168.1.20:5082"], ListenAddressPolicy.NonLoopback(urls));
        var refused = Assert.Throws<InvalidOperationException>(() => ListenAddressPolicy.Check(urls, accessToken: null));
        Assert.StartsWith("Refusing to listen on http://0.0.0.0:5081, http://*:8080, http://192.168.1.20:5082:", refused.Message, StringComparison.Ordinal);
        ListenAddressPolicy.Check(urls, accessToken: "s3cret");
        ListenAddressPolicy.Check(["http://127.0.0.1:5080", "http://[::1]:5080"], accessToken: null);
    }

    [Fact]
    public async Task Redrive_without_the_antiforgery_token_is_refused_and_moves_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = new ViewerQueueStack(moto);
        await stack.InitializeAsync();
        await stack.Sqs.SendMessageAsync(new Amazon.SQS.Model.SendMessageRequest(stack.DeadLetterQueueUrl, "a dead letter"), ct);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = stack.Url };
        // The antiforgery cookie alone (what a cross-site form would bring along) is not enough: the token must be sent too.
        await http.GetFromJsonAsync<JsonElement>("/api/antiforgery", ct);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/pipeline", ct)).StatusCode);

        using var api = await http.PostAsync("/api/dlq/redrive", null, ct);
        using var form = await http.PostAsync("/pipeline?handler=Redrive", new FormUrlEncodedContent([]), ct);

        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Equal("Missing or invalid antiforgery token", (await api.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        Assert.Equal(1, await stack.DepthAsync(stack.DeadLetterQueueUrl, ct));
        Assert.Equal(0, await stack.DepthAsync(stack.QueueUrl, ct));
    }

    [Fact]
    public async Task Access_token_guards_everything_but_the_health_probes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = new ViewerStack(moto);
        await stack.S3.PutBucketAsync(stack.Bucket, ct);
        await stack.Dynamo.CreateTableAsync(RecordTable.CreateTableRequest(stack.Table), ct);
        var environment = stack.Environment();
        environment["Viewer__AccessToken"] = "s3cret-token";
        var port = FreePort();
        await using var viewer = await ViewerProcess.StartAsync(environment, url: $"http://0.0.0.0:{port}", cancellationToken: ct);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = viewer.Url,
        };

        using (var anonymous = await http.GetAsync("/api/records", ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
            Assert.Contains("access_token", await anonymous.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        }

        using (var wrong = new HttpRequestMessage(HttpMethod.Get, "/"))
        {
            wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "guess");
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrong, ct)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health", ct)).StatusCode);

        using (var bearer = new HttpRequestMessage(HttpMethod.Get, "/api/records"))
        {
            bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "s3cret-token");
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(bearer, ct)).StatusCode);
        }

        using var link = await http.GetAsync("/pipeline?access_token=s3cret-token", ct);
        Assert.Equal(HttpStatusCode.Redirect, link.StatusCode);
        Assert.Equal("/pipeline", link.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/pipeline", ct)).StatusCode); // the cookie now carries it
    }

    [Fact]
    public async Task Oversized_upload_is_refused_with_a_clear_error_and_nothing_is_stored()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = new SmallUploadStack(moto);
        await stack.InitializeAsync();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = stack.Url };
        var token = await http.GetFromJsonAsync<JsonElement>("/api/antiforgery", ct);
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(new byte[100]), "files", "small.bin" },
            { new ByteArrayContent(new byte[5000]), "files", "big.bin" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/uploads") { Content = form };
        request.Headers.Add(token.GetProperty("headerName").GetString()!, token.GetProperty("token").GetString());

        using var response = await http.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal("File too large", problem.GetProperty("title").GetString());
        Assert.Equal("'big.bin' is 4.9 KiB; the limit is 4 KiB per file.", problem.GetProperty("detail").GetString());
        var objects = await stack.S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = stack.Bucket }, ct);
        Assert.Empty(objects.S3Objects ?? []);
    }

    /// <summary>Loopback answers /health on <paramref name="port"/>; <paramref name="other"/> (this machine's non-loopback address) refuses.</summary>
    private static async Task AssertLoopbackOnlyAsync(int port, IPAddress other, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{port}/health", ct)).StatusCode);
        using var probe = new System.Net.Sockets.TcpClient();
        var refused = await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(async () => await probe.ConnectAsync(other, port, ct));
        Assert.Equal(System.Net.Sockets.SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    /// <summary>An address of this machine that is not loopback: where a viewer bound beyond loopback would answer.</summary>
    private static IPAddress NonLoopbackAddress()
    {
        var address = System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .Where(nic => nic.OperationalStatus == System.Net.NetworkInformation.OperationalStatus.Up)
            .SelectMany(nic => nic.GetIPProperties().UnicastAddresses)
            .Select(unicast => unicast.Address)
            .FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        Assert.True(address is not null, "this machine has no non-loopback IPv4 address: a loopback-only binding cannot be told from a wildcard one here");
        return address;
    }

    private static bool PortIsFree(int port)
    {
        try
        {
            using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < ViewerProcess.StartupDeadline, "timed out waiting for the viewer");
            await Task.Delay(100, ct);
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class SmallUploadStack(MotoFixture moto) : ViewerStack(moto)
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["Viewer__MaxUploadBytes"] = "4096",
        };
    }
}
