using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FilePipeline.Tests.Telemetry;

/// <summary>
/// An OTLP/HTTP (protobuf) receiver on a free loopback port: <c>POST /v1/traces</c>, <c>/v1/metrics</c>,
/// <c>/v1/logs</c>, decoded and kept in memory. Point a service's <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> at
/// <see cref="Endpoint"/>.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly List<ReceivedSpan> _spans = [];
    private readonly List<ReceivedMetric> _metrics = [];
    private readonly List<ReceivedLog> _logs = [];
    private readonly List<string> _rejected = [];

    private OtlpReceiver(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyList<ReceivedSpan> Spans { get { lock (_lock) { return [.. _spans]; } } }

    public IReadOnlyList<ReceivedMetric> Metrics { get { lock (_lock) { return [.. _metrics]; } } }

    public IReadOnlyList<ReceivedLog> Logs { get { lock (_lock) { return [.. _logs]; } } }

    /// <summary>Requests the receiver could not take (wrong path, content type or body), one line each.</summary>
    public IReadOnlyList<string> Rejected { get { lock (_lock) { return [.. _rejected]; } } }

    public static async Task<OtlpReceiver> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/traces", (HttpRequest request) => receiver.ReceiveAsync(request, body => receiver.Add(OtlpDecoder.Spans(body))));
        app.MapPost("/v1/metrics", (HttpRequest request) => receiver.ReceiveAsync(request, body => receiver.Add(OtlpDecoder.Metrics(body))));
        app.MapPost("/v1/logs", (HttpRequest request) => receiver.ReceiveAsync(request, body => receiver.Add(OtlpDecoder.Logs(body))));
        app.MapGet("/ping", () => "pong");
        app.MapFallback((HttpRequest request) =>
        {
            receiver.Reject($"{request.Method} {request.Path} {request.ContentType}");
            return Results.NotFound();
        });
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        receiver.Endpoint = new Uri(address);
        return receiver;
    }

    /// <summary>Polls until <paramref name="probe"/> returns a value, or fails after <paramref name="timeout"/> saying what was awaited.</summary>
    public async Task<T> WaitForAsync<T>(string what, Func<OtlpReceiver, T?> probe, TimeSpan timeout, CancellationToken cancellationToken)
        where T : class
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            if (probe(this) is { } found)
            {
                return found;
            }
            try
            {
                await Task.Delay(50, deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException(
                    $"Waited {timeout.TotalSeconds:0.#} s for {what}; received {Spans.Count} spans " +
                    $"({string.Join(", ", Spans.Select(s => s.Name).Distinct())}), {Metrics.Count} metrics, {Logs.Count} logs, " +
                    $"rejected: [{string.Join("; ", Rejected)}].");
            }
        }
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task<IResult> ReceiveAsync(HttpRequest request, Action<byte[]> decode)
    {
        if (request.ContentType != "application/x-protobuf")
        {
            Reject($"{request.Path}: content type {request.ContentType}");
            return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }
        using var body = new MemoryStream();
        if (request.Headers.ContentEncoding == "gzip")
        {
            await using var gzip = new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true);
            await gzip.CopyToAsync(body, request.HttpContext.RequestAborted);
        }
        else
        {
            await request.Body.CopyToAsync(body, request.HttpContext.RequestAborted);
        }
        try
        {
            decode(body.ToArray());
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            Reject($"{request.Path}: undecodable body ({e.Message})");
            return Results.BadRequest();
        }
        // An empty Export*ServiceResponse: full success.
        return Results.Bytes([], "application/x-protobuf");
    }

    private void Add(List<ReceivedSpan> spans) { lock (_lock) { _spans.AddRange(spans); } }

    private void Add(List<ReceivedMetric> metrics) { lock (_lock) { _metrics.AddRange(metrics); } }

    private void Add(List<ReceivedLog> logs) { lock (_lock) { _logs.AddRange(logs); } }

    private void Reject(string line) { lock (_lock) { _rejected.Add(line); } }
}
