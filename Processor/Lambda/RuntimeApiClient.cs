using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace FilePipeline.Processor.Lambda;

/// <summary>
/// The Lambda Runtime API (<c>http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/...</c>): next invocation,
/// response, invocation error and init error.
/// </summary>
public sealed class RuntimeApiClient(HttpClient http, string runtimeApi)
{
    private const string Version = "2018-06-01";
    private readonly Uri _base = new($"http://{runtimeApi}/{Version}/runtime/");

    /// <summary>The <c>host:port</c> this client calls.</summary>
    public string Address => runtimeApi;

    /// <summary>Waits (as long as it takes) for the next invocation.</summary>
    public async Task<LambdaInvocation> NextAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(_base, "invocation/next"), HttpCompletionOption.ResponseContentRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        var requestId = Header(response, "Lambda-Runtime-Aws-Request-Id")
            ?? throw new InvalidOperationException("The Runtime API answered /invocation/next without Lambda-Runtime-Aws-Request-Id.");
        var deadline = long.TryParse(Header(response, "Lambda-Runtime-Deadline-Ms"), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : DateTimeOffset.MaxValue;
        var payload = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return new LambdaInvocation(requestId, deadline, Header(response, "Lambda-Runtime-Trace-Id"), Header(response, "Lambda-Runtime-Invoked-Function-Arn"), payload);
    }

    public Task ResponseAsync(string requestId, byte[] body, CancellationToken cancellationToken) =>
        PostAsync($"invocation/{Uri.EscapeDataString(requestId)}/response", Json(body), null, cancellationToken);

    public Task ErrorAsync(string requestId, RuntimeError error, CancellationToken cancellationToken) =>
        PostAsync($"invocation/{Uri.EscapeDataString(requestId)}/error", Json(error), error.ErrorType, cancellationToken);

    public Task InitErrorAsync(RuntimeError error, CancellationToken cancellationToken) =>
        PostAsync("init/error", Json(error), error.ErrorType, cancellationToken);

    private async Task PostAsync(string path, HttpContent content, string? errorType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_base, path)) { Content = content };
        if (errorType is not null)
        {
            request.Headers.TryAddWithoutValidation("Lambda-Runtime-Function-Error-Type", "Runtime." + errorType);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static ByteArrayContent Json(RuntimeError error) =>
        Json(JsonSerializer.SerializeToUtf8Bytes(error, LambdaJsonContext.Default.RuntimeError));

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
