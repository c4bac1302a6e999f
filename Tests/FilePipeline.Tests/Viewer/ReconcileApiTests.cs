using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Amazon.S3.Model;
using FilePipeline.Tests.Emulator;

namespace FilePipeline.Tests.Viewer;

/// <summary>The viewer's reconcile, by its API and by the pipeline page's button, on a real viewer process.</summary>
public sealed partial class ReconcileApiTests(MotoFixture moto)
{
    [Fact]
    public async Task Api_needs_the_antiforgery_token_then_reports_and_enqueues_what_differs()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = new ViewerQueueStack(moto);
        await stack.InitializeAsync();
        await stack.S3.PutObjectAsync(new PutObjectRequest { BucketName = stack.Bucket, Key = "api/unrecorded.txt", ContentBody = "no event came" }, ct);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = stack.Url };

        using (var refused = await http.PostAsync("/api/reconcile?prefix=api/", null, ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal(0, await stack.DepthAsync(stack.QueueUrl, ct));
        }

        var token = await http.GetFromJsonAsync<JsonElement>("/api/antiforgery", ct);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/reconcile?prefix=api/");
        request.Headers.Add(token.GetProperty("headerName").GetString()!, token.GetProperty("token").GetString());
        using var response = await http.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outcome = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        var counts = outcome.GetProperty("counts");
        Assert.Equal(("api/", 1, 0, 1, 1), (outcome.GetProperty("prefix").GetString(), counts.GetProperty("objects").GetInt32(),
            counts.GetProperty("records").GetInt32(), counts.GetProperty("objectsWithoutRecord").GetInt32(), counts.GetProperty("enqueued").GetInt32()));
        Assert.Equal(1, await stack.DepthAsync(stack.QueueUrl, ct));
    }

    [Fact]
    public async Task Pipeline_page_button_reconciles_and_shows_what_it_found()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = new ViewerQueueStack(moto);
        await stack.InitializeAsync();
        await stack.S3.PutObjectAsync(new PutObjectRequest { BucketName = stack.Bucket, Key = "page/one.txt", ContentBody = "one" }, ct);
        await stack.S3.PutObjectAsync(new PutObjectRequest { BucketName = stack.Bucket, Key = "page/two.txt", ContentBody = "two" }, ct);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = stack.Url };
        var page = await http.GetStringAsync("/pipeline", ct);
        Assert.Contains("id=\"reconcile\"", page, StringComparison.Ordinal);
        var form = FormToken().Match(page[page.IndexOf("handler=Reconcile", StringComparison.Ordinal)..]);
        Assert.True(form.Success, "the reconcile form carries an antiforgery token");

        using var posted = await http.PostAsync("/pipeline?handler=Reconcile",
            new FormUrlEncodedContent([new("__RequestVerificationToken", WebUtility.HtmlDecode(form.Groups[1].Value))]), ct);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var after = await http.GetStringAsync("/pipeline", ct);
        Assert.Contains("Compared 2 objects with 0 records: 0 in sync, 2 objects without a record", WebUtility.HtmlDecode(after), StringComparison.Ordinal);
        Assert.Equal(2, await stack.DepthAsync(stack.QueueUrl, ct));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();
}
