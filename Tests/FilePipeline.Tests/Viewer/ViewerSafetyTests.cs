using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Amazon.S3.Model;
using FilePipeline.FileRecords;
using FilePipeline.Tests.Infrastructure;

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

        Assert.True(await viewer.WaitForExitAsync(TimeSpan.FromSeconds(30), ct), "the viewer kept running on 0.0.0.0 without a token");
        Assert.NotEqual(0, viewer.ExitCode);
        Assert.Contains("Refusing to listen on http://0.0.0.0:0", viewer.Output, StringComparison.Ordinal);
        Assert.Contains("Viewer__AccessToken", viewer.Output, StringComparison.Ordinal);
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
        Assert.Equal("'big.bin' is 4.9 KB; the limit is 4 KB per file.", problem.GetProperty("detail").GetString());
        var objects = await stack.S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = stack.Bucket }, ct);
        Assert.Empty(objects.S3Objects ?? []);
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
