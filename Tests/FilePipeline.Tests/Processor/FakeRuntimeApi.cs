using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FilePipeline.Tests.Processor;

/// <summary>An in-test HTTP server that plays the Lambda Runtime API (next, response, error, init error).</summary>
internal sealed class FakeRuntimeApi : IAsyncDisposable
{
    private readonly Channel<Invocation> _pending = Channel.CreateUnbounded<Invocation>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<Outcome>> _outcomes = new();
    private readonly TaskCompletionSource<Outcome> _initError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? _app;

    public string Address { get; private set; } = "";

    public Task<Outcome> InitError => _initError.Task;

    public static async Task<FakeRuntimeApi> StartAsync(CancellationToken cancellationToken)
    {
        var api = new FakeRuntimeApi();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        const string runtime = "/2018-06-01/runtime";
        app.MapGet(runtime + "/invocation/next", api.NextAsync);
        app.MapPost(runtime + "/invocation/{id}/response", (string id, HttpRequest request) => api.CompleteAsync(id, "response", request));
        app.MapPost(runtime + "/invocation/{id}/error", (string id, HttpRequest request) => api.CompleteAsync(id, "error", request));
        app.MapPost(runtime + "/init/error", async (HttpRequest request) =>
        {
            api._initError.TrySetResult(await Read("init-error", request));
            return Results.Accepted();
        });
        await app.StartAsync(cancellationToken);
        api._app = app;
        api.Address = new Uri(app.Urls.First()).Authority;
        return api;
    }

    /// <summary>Queues an invocation and returns what the runtime reports for it.</summary>
    public Task<Outcome> InvokeAsync(string requestId, string payload, DateTimeOffset deadline, string? traceHeader = null)
    {
        var outcome = _outcomes.GetOrAdd(requestId, _ => new TaskCompletionSource<Outcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        _pending.Writer.TryWrite(new Invocation(requestId, payload, deadline, traceHeader));
        return outcome.Task;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private static async Task<Outcome> Read(string kind, HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        return new Outcome(kind, await reader.ReadToEndAsync(), request.Headers["Lambda-Runtime-Function-Error-Type"].ToString(), DateTimeOffset.UtcNow);
    }

    private async Task NextAsync(HttpContext context)
    {
        var invocation = await _pending.Reader.ReadAsync(context.RequestAborted);
        var headers = context.Response.Headers;
        headers["Lambda-Runtime-Aws-Request-Id"] = invocation.RequestId;
        headers["Lambda-Runtime-Deadline-Ms"] = invocation.Deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        headers["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:us-east-1:123456789012:function:processor";
        if (invocation.TraceHeader is not null)
        {
            headers["Lambda-Runtime-Trace-Id"] = invocation.TraceHeader;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(invocation.Payload, context.RequestAborted);
    }

    private async Task<IResult> CompleteAsync(string id, string kind, HttpRequest request)
    {
        var outcome = await Read(kind, request);
        _outcomes.GetOrAdd(id, _ => new TaskCompletionSource<Outcome>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(outcome);
        return Results.Accepted();
    }

    private sealed record Invocation(string RequestId, string Payload, DateTimeOffset Deadline, string? TraceHeader);

    /// <summary>What the runtime posted: <c>response</c>, <c>error</c> or <c>init-error</c>, with the body and error type header.</summary>
    public sealed record Outcome(string Kind, string Body, string ErrorType, DateTimeOffset At);
}
