using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Amazon.S3.Model;
using FilePipeline.FileRecords;
using FilePipeline.Tests.Emulator;

namespace FilePipeline.Tests.Viewer;

/// <summary>The viewer's JSON API and pages over HTTP, against the real viewer process on the emulator.</summary>
public sealed class ViewerApiTests(ViewerStack stack) : IClassFixture<ViewerStack>, IDisposable
{
    private const string HostileKey = "<script>alert(1)</script>.txt";

    private readonly HttpClient _http = new(new HttpClientHandler { CookieContainer = new CookieContainer() })
    {
        BaseAddress = stack.Url,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Records_api_lists_newest_first_with_filters_and_page_tokens()
    {
        var ct = TestContext.Current.CancellationToken;
        var prefix = $"list-{Guid.NewGuid():N}/";
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 5; i++)
        {
            var status = i == 3 ? RecordStatus.Rejected : RecordStatus.Processed;
            await stack.PutRecordAsync(stack.Record($"{prefix}{i}.txt", now.AddSeconds(i - 60), status), ct);
        }

        var first = await GetJsonAsync($"/api/records?prefix={Uri.EscapeDataString(prefix)}&limit=3", ct);
        var firstKeys = Keys(first);
        Assert.Equal([$"{prefix}4.txt", $"{prefix}3.txt", $"{prefix}2.txt"], firstKeys);
        var token = first.GetProperty("nextPageToken").GetString();
        Assert.NotNull(token);
        var second = await GetJsonAsync($"/api/records?prefix={Uri.EscapeDataString(prefix)}&limit=3&pageToken={Uri.EscapeDataString(token)}", ct);
        Assert.Equal([$"{prefix}1.txt", $"{prefix}0.txt"], Keys(second));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextPageToken").ValueKind);

        var rejected = await GetJsonAsync($"/api/records?status=rejected&prefix={Uri.EscapeDataString(prefix)}", ct);
        var row = Assert.Single(rejected.GetProperty("records").EnumerateArray());
        Assert.Equal($"{prefix}3.txt", row.GetProperty("key").GetString());
        Assert.Equal("REJECTED", row.GetProperty("status").GetString());
        Assert.Equal("2 KiB", row.GetProperty("sizeText").GetString()); // 2,091 bytes
        Assert.EndsWith(" UTC", row.GetProperty("processedAtText").GetString(), StringComparison.Ordinal);

        var searched = await GetJsonAsync($"/api/records?q={Uri.EscapeDataString(prefix + "2")}&type=text/", ct);
        Assert.Equal([$"{prefix}2.txt"], Keys(searched));
    }

    [Fact]
    public async Task Invalid_filters_and_page_tokens_get_a_clear_400()
    {
        var ct = TestContext.Current.CancellationToken;

        using var response = await _http.GetAsync("/api/records?status=LOST&from=yesterday&pageToken=zzz", ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.Contains("Unknown status 'LOST'", body, StringComparison.Ordinal);
        Assert.Contains("'yesterday' is not a date", body, StringComparison.Ordinal);

        using var badToken = await _http.GetAsync("/api/records?pageToken=zzz", ct);
        Assert.Equal(HttpStatusCode.BadRequest, badToken.StatusCode);
        Assert.Contains("page token", await badToken.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_api_returns_every_field_and_the_trace_link()
    {
        var ct = TestContext.Current.CancellationToken;
        var record = stack.Record($"detail-{Guid.NewGuid():N}/report.txt", DateTimeOffset.UtcNow.AddMinutes(-5));
        await stack.PutRecordAsync(record, ct);

        var detail = await GetJsonAsync($"/api/record?key={Uri.EscapeDataString(record.Key)}", ct);

        var fields = detail.GetProperty("record");
        Assert.Equal(record.Key, fields.GetProperty("key").GetString());
        Assert.Equal(record.Sha256, fields.GetProperty("sha256").GetString());
        Assert.Equal(record.Preview, fields.GetProperty("preview").GetString());
        Assert.Equal(record.Attempts, fields.GetProperty("attempts").GetInt32());
        Assert.Equal(record.DurationMs, fields.GetProperty("durationMs").GetDouble());
        Assert.Equal($"http://dashboard.test/traces/{record.TraceId}", detail.GetProperty("traceUrl").GetString());

        using var missing = await _http.GetAsync("/api/record?key=no-such-key", ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var problem = await ProblemAsync(missing, ct);
        Assert.Equal("No such record", problem.GetProperty("title").GetString());
        Assert.Equal("no-such-key", problem.GetProperty("key").GetString());
        Assert.Contains("'no-such-key'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/records?limit=abc", "limit", "limit must be a whole number from 1 to 200; 'abc' is not.")]
    [InlineData("/api/records?limit=0", "limit", "limit must be a whole number from 1 to 200; '0' is not.")]
    [InlineData("/api/records?limit=100000", "limit", "limit must be a whole number from 1 to 200; '100000' is not.")]
    [InlineData("/api/records/by-key?prefix=a&limit=-1", "limit", "limit must be a whole number from 1 to 200; '-1' is not.")]
    [InlineData("/api/records/by-key?prefix=a&limit=2.5", "limit", "limit must be a whole number from 1 to 200; '2.5' is not.")]
    [InlineData("/api/records?status=LOST", "status", "Unknown status 'LOST'")]
    [InlineData("/api/records?from=yesterday", "from", "'yesterday' is not a date")]
    [InlineData("/api/records?from=2026-11-22&to=2026-11-01", "to", "'to' is before 'from'.")]
    [InlineData("/api/records?pageToken=zzz", "pageToken", "page token")]
    [InlineData("/api/records/by-key?pageToken=zzz", "pageToken", "page token")]
    [InlineData("/api/record", "key", "The object key is required.")]
    [InlineData("/api/records/live?since=soon", "since", "since must be an ISO 8601 time")]
    public async Task Every_bad_parameter_is_a_problem_that_names_it(string path, string parameter, string message)
    {
        var ct = TestContext.Current.CancellationToken;

        using var response = await _http.GetAsync(path, ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAsync(response, ct);
        var errors = problem.GetProperty("errors");
        Assert.Equal([parameter], errors.EnumerateObject().Select(p => p.Name));
        Assert.Contains(message, Assert.Single(errors.GetProperty(parameter).EnumerateArray()).GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_limit_within_range_is_honoured_not_clamped()
    {
        var ct = TestContext.Current.CancellationToken;
        var prefix = $"limit-{Guid.NewGuid():N}/";
        for (var i = 0; i < 3; i++)
        {
            await stack.PutRecordAsync(stack.Record($"{prefix}{i}.txt", DateTimeOffset.UtcNow.AddSeconds(-i)), ct);
        }

        Assert.Single(Keys(await GetJsonAsync($"/api/records?prefix={prefix}&limit=1", ct)));
        Assert.Equal(3, Keys(await GetJsonAsync($"/api/records/by-key?prefix={prefix}&limit=200", ct)).Count);
    }

    [Theory]
    [InlineData("GET", "/api/no-such-thing", HttpStatusCode.NotFound)]
    [InlineData("DELETE", "/api/records", HttpStatusCode.MethodNotAllowed)]
    public async Task Unknown_api_routes_and_methods_are_problems_too(string method, string path, HttpStatusCode status)
    {
        var ct = TestContext.Current.CancellationToken;

        using var response = await _http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), ct);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal((int)status, (await ProblemAsync(response, ct)).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Hostile_keys_and_previews_are_escaped_in_every_page()
    {
        var ct = TestContext.Current.CancellationToken;
        await stack.PutRecordAsync(stack.Record(HostileKey, DateTimeOffset.UtcNow.AddMinutes(-1)), ct);

        var list = await _http.GetStringAsync("/?q=" + Uri.EscapeDataString("<script>"), ct);
        var detail = await _http.GetStringAsync("/record?key=" + Uri.EscapeDataString(HostileKey), ct);

        foreach (var html in new[] { list, detail })
        {
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;.txt", html, StringComparison.Ordinal);
        }

        Assert.Contains("&lt;img src=x onerror=alert(2)&gt;", detail, StringComparison.Ordinal);
        Assert.Contains("value=\"&lt;script&gt;\"", list, StringComparison.Ordinal); // the search box echoes it as text
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/pipeline")]
    [InlineData("/api/records")]
    [InlineData("/assets/app.js")]
    [InlineData("/record?key=absent")]
    [InlineData("/no/such/page")]
    public async Task Every_response_carries_a_self_only_content_security_policy(string path)
    {
        var ct = TestContext.Current.CancellationToken;

        using var response = await _http.GetAsync(path, ct);

        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("http", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Upload_needs_the_antiforgery_token_and_stores_a_traceparent()
    {
        var ct = TestContext.Current.CancellationToken;
        var prefix = $"upload-{Guid.NewGuid():N}/";

        using (var refused = await _http.PostAsync("/api/uploads", Form(prefix, ("a.txt", "hello")), ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("antiforgery", await refused.Content.ReadAsStringAsync(ct), StringComparison.OrdinalIgnoreCase);
        }

        var listed = await _http.GetFromJsonAsync<JsonElement>("/api/antiforgery", ct);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/uploads")
        {
            Content = Form(prefix, ("a.txt", "hello"), ("b + c ü.txt", "world, twice")),
        };
        request.Headers.Add(listed.GetProperty("headerName").GetString()!, listed.GetProperty("token").GetString());
        using var response = await _http.SendAsync(request, ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal([$"{prefix}a.txt", $"{prefix}b + c ü.txt"], results.EnumerateArray().Select(r => r.GetProperty("key").GetString()));
        var head = await stack.S3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = stack.Bucket, Key = $"{prefix}b + c ü.txt" }, ct);
        Assert.Equal(12, head.ContentLength);
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", head.Metadata["traceparent"]);
        Assert.Equal(results[1].GetProperty("traceParent").GetString(), head.Metadata["traceparent"]);
    }

    [Fact]
    public async Task Live_feed_sends_each_new_record_as_a_server_sent_event()
    {
        var ct = TestContext.Current.CancellationToken;
        var key = $"live-{Guid.NewGuid():N}.txt";
        using var stream = await _http.GetStreamAsync("/api/records/live?since=" + Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O")), ct);
        using var reader = new StreamReader(stream);
        await stack.PutRecordAsync(stack.Record(key, DateTimeOffset.UtcNow.AddSeconds(1)), ct);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(15));
        string? eventName = null;
        while (await reader.ReadLineAsync(deadline.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                eventName = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && line.Contains(key, StringComparison.Ordinal))
            {
                Assert.Equal("record", eventName);
                var data = JsonDocument.Parse(line[6..]).RootElement;
                Assert.Equal("PROCESSED", data.GetProperty("status").GetString());
                Assert.StartsWith("/record?", data.GetProperty("detailUrl").GetString(), StringComparison.Ordinal);
                return;
            }
        }

        Assert.Fail("The live feed ended without the new record.");
    }

    [Fact]
    public async Task OpenApi_document_describes_the_api()
    {
        var ct = TestContext.Current.CancellationToken;

        var document = await GetJsonAsync("/openapi/v1.json", ct);

        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/records", "/api/record", "/api/records/live", "/api/uploads", "/api/pipeline", "/api/antiforgery" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
        }
    }

    private static MultipartFormDataContent Form(string prefix, params (string Name, string Text)[] files)
    {
        var form = new MultipartFormDataContent { { new StringContent(prefix), "prefix" } };
        foreach (var (name, text) in files)
        {
            var content = new StringContent(text);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            form.Add(content, "files", name);
        }

        return form;
    }

    private async Task<JsonElement> GetJsonAsync(string path, CancellationToken ct)
    {
        using var response = await _http.GetAsync(path, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}\n{stack.Viewer.Output}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, CancellationToken ct)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement.Clone();
    }

    private static List<string?> Keys(JsonElement list) =>
        [.. list.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("key").GetString())];
}
