using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using FilePipeline.Processor.Lambda;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FilePipeline.Tests.Infra;

/// <summary>
/// An in-test HTTP server that plays CloudFormation's pre-signed response URL: it records every answer put to it
/// (and the Content-Type it came with: the real URL is signed without one), answering 200 or, when told, an error first.
/// </summary>
internal sealed class ResponseUrlServer : IAsyncDisposable
{
    private readonly Channel<Answer> _answers = Channel.CreateUnbounded<Answer>();
    private readonly ConcurrentQueue<int> _statuses = new();
    private WebApplication? _app;
    private string _base = "";

    /// <summary>Every PUT, including refused ones.</summary>
    public ConcurrentQueue<Answer> All { get; } = new();

    public static async Task<ResponseUrlServer> StartAsync(CancellationToken cancellationToken)
    {
        var server = new ResponseUrlServer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPut("/cloudformation-response/{id}", server.ReceiveAsync);
        await app.StartAsync(cancellationToken);
        server._app = app;
        server._base = app.Urls.First();
        return server;
    }

    /// <summary>A response URL in the shape CloudFormation sends (a path per request, a signature in the query).</summary>
    public string UrlFor(string requestId) => $"{_base}/cloudformation-response/{requestId}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=0123abcd";

    /// <summary>The next PUTs are answered with these statuses (then 200 again).</summary>
    public void RespondNext(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _statuses.Enqueue(status);
        }
    }

    /// <summary>The next answer accepted with 200.</summary>
    public async Task<Answer> NextAsync(CancellationToken cancellationToken) =>
        await _answers.Reader.ReadAsync(cancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task<IResult> ReceiveAsync(string id, HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var answer = new Answer(id, request.ContentType, JsonSerializer.Deserialize(body, LambdaJsonContext.Default.CustomResourceResponse)!, body, DateTimeOffset.UtcNow);
        All.Enqueue(answer);
        if (_statuses.TryDequeue(out var status))
        {
            return Results.StatusCode(status);
        }

        _answers.Writer.TryWrite(answer);
        return Results.Ok();
    }

    /// <summary>One answer: the request id in its URL, its Content-Type, the parsed document and the raw body.</summary>
    public sealed record Answer(string RequestId, string? ContentType, CustomResourceResponse Response, string Body, DateTimeOffset At);
}
