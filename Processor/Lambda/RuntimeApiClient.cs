using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace FilePipeline.Processor.Lambda;

/// <summary>
/// The Lambda Runtime API (<c>http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/...</c>): next invocation,
/// response, invocation error and init error. The loop's calls are synchronous (<see cref="HttpClient.Send(HttpRequestMessage, HttpCompletionOption, CancellationToken)"/>):
/// there is one invocation at a time, so the socket is read and written on the loop's own thread, with no hand-off to
/// a thread-pool worker when a response arrives (docs/benchmarks.md, "Lambda first invocation, third pass").
/// A cancelled call closes its connection, which ends a blocked <c>/next</c>.
/// </summary>
public sealed class RuntimeApiClient(HttpClient http, string runtimeApi)
{
    private const string Version = "2018-06-01";
    private readonly Uri _base = new($"http://{runtimeApi}/{Version}/runtime/");

    /// <summary>The <c>host:port</c> this client calls.</summary>
    public string Address => runtimeApi;

    /// <summary>Waits (as long as it takes) for the next invocation.</summary>
    public LambdaInvocation Next(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_base, "invocation/next"));
        using var response = http.Send(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        var requestId = Header(response, "Lambda-Runtime-Aws-Request-Id")
            ?? throw new InvalidOperationException("The Runtime API answered /invocation/next without Lambda-Runtime-Aws-Request-Id.");
        var deadline = long.TryParse(Header(response, "Lambda-Runtime-Deadline-Ms"), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : DateTimeOffset.MaxValue;
        using var content = response.Content.ReadAsStream(cancellationToken);
        using var payload = new MemoryStream(response.Content.Headers.ContentLength is { } length and <= int.MaxValue ? (int)length : 0);
        content.CopyTo(payload);
        return new LambdaInvocation(requestId, deadline, Header(response, "Lambda-Runtime-Trace-Id"), Header(response, "Lambda-Runtime-Invoked-Function-Arn"), payload.ToArray());
    }

    public void Response(string requestId, byte[] body, CancellationToken cancellationToken) =>
        Post($"invocation/{Uri.EscapeDataString(requestId)}/response", Json(body), null, cancellationToken);

    public void Error(string requestId, RuntimeError error, CancellationToken cancellationToken) =>
        Post($"invocation/{Uri.EscapeDataString(requestId)}/error", Json(error), error.ErrorType, cancellationToken);

    public async Task InitErrorAsync(RuntimeError error, CancellationToken cancellationToken)
    {
        using var request = Request("init/error", Json(error), error.ErrorType);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private void Post(string path, HttpContent content, string? errorType, CancellationToken cancellationToken)
    {
        using var request = Request(path, content, errorType);
        using var response = http.Send(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private HttpRequestMessage Request(string path, HttpContent content, string? errorType)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_base, path)) { Content = content };
        if (errorType is not null)
        {
            request.Headers.TryAddWithoutValidation("Lambda-Runtime-Function-Error-Type", "Runtime." + errorType);
        }

        return request;
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
