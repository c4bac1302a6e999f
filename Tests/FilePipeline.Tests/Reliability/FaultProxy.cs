using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FilePipeline.Tests.Reliability;

/// <summary>
/// An HTTP reverse proxy on loopback that sits between the services and the emulator and injects faults
/// at a configurable rate: 5xx answers, throttling errors in each service's own shape, added latency and
/// dropped connections. Point <c>AWS_ENDPOINT_URL</c> at <see cref="Url"/>. Thread-safe; counts what it did.
/// </summary>
public sealed partial class FaultProxy : IAsyncDisposable
{
    private static readonly HttpClient Forwarder = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        MaxConnectionsPerServer = 64,
    })
    { Timeout = TimeSpan.FromSeconds(60) };

    private static readonly HashSet<string> HopByHopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer", "Host",
    };

    private WebApplication? _app;
    private readonly Uri _target;
    private readonly Random _random;
    private readonly Lock _randomLock = new();
    private long _forwarded;
    private long _faulted;
    private readonly long[] _byKind = new long[Enum.GetValues<FaultKind>().Length];

    private FaultProxy(Uri target, int seed)
    {
        _target = target;
        _random = new Random(seed);
    }

    /// <summary>The fraction of requests (0..1) that get a fault. Changeable while running.</summary>
    public double FaultRate { get; set; }

    /// <summary>The faults to choose from, uniformly.</summary>
    public FaultKind[] Kinds { get; set; } = Enum.GetValues<FaultKind>();

    /// <summary>The delay a <see cref="FaultKind.Latency"/> fault adds.</summary>
    public TimeSpan AddedLatency { get; set; } = TimeSpan.FromMilliseconds(300);

    public Uri Url { get; private set; } = null!;

    public long Forwarded => Interlocked.Read(ref _forwarded);

    public long Faulted => Interlocked.Read(ref _faulted);

    public long CountOf(FaultKind kind) => Interlocked.Read(ref _byKind[(int)kind]);

    public static async Task<FaultProxy> StartAsync(Uri target, double faultRate, int seed = 1234, CancellationToken cancellationToken = default)
    {
        var proxy = new FaultProxy(target, seed) { FaultRate = faultRate };
        await proxy.ListenAsync(0, cancellationToken);
        return proxy;
    }

    /// <summary>
    /// Closes the listening port and aborts open connections, as a stopped emulator does: clients get
    /// "connection refused" until <see cref="StartListeningAsync"/>.
    /// </summary>
    public async Task StopListeningAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            using var abort = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await app.StopAsync(abort.Token);
            await app.DisposeAsync();
        }
    }

    /// <summary>Listens again on the same port (<see cref="Url"/> is unchanged).</summary>
    public Task StartListeningAsync(CancellationToken cancellationToken) => ListenAsync(Url.Port, cancellationToken);

    public async ValueTask DisposeAsync() => await StopListeningAsync();

    private async Task ListenAsync(int port, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options =>
        {
            options.Listen(IPAddress.Loopback, port);
            options.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.GetRequiredFeature<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()
            .Addresses.Single();
        Url = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
        _app = app;
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (PickFault() is { } fault)
        {
            Interlocked.Increment(ref _faulted);
            Interlocked.Increment(ref _byKind[(int)fault]);
            switch (fault)
            {
                case FaultKind.ServerError:
                    await DrainAsync(context);
                    await WriteErrorAsync(context, ServiceOf(context.Request), throttle: false);
                    return;
                case FaultKind.Throttle:
                    await DrainAsync(context);
                    await WriteErrorAsync(context, ServiceOf(context.Request), throttle: true);
                    return;
                case FaultKind.DropConnection:
                    context.Abort();
                    return;
                case FaultKind.Latency:
                    await Task.Delay(AddedLatency, context.RequestAborted);
                    break;
            }
        }

        Interlocked.Increment(ref _forwarded);
        await ForwardAsync(context);
    }

    private FaultKind? PickFault()
    {
        lock (_randomLock)
        {
            return _random.NextDouble() < FaultRate ? Kinds[_random.Next(Kinds.Length)] : null;
        }
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var request = context.Request;
        var uri = new Uri(_target, request.Path.ToUriComponent() + request.QueryString.ToUriComponent());
        using var outgoing = new HttpRequestMessage(new HttpMethod(request.Method), uri);
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            outgoing.Content = new StreamContent(request.Body);
        }

        foreach (var (name, values) in request.Headers)
        {
            if (HopByHopHeaders.Contains(name))
            {
                continue;
            }

            if (!outgoing.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                outgoing.Content ??= new ByteArrayContent([]);
                outgoing.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        using var response = await Forwarder.SendAsync(outgoing, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHopHeaders.Contains(name))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        if (request.Method != HttpMethods.Head)
        {
            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
    }

    private static async Task DrainAsync(HttpContext context)
    {
        context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize = null;
        await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
    }

    /// <summary>The service a signed request is for, from its SigV4 credential scope; unsigned means S3 (as moto routes).</summary>
    internal static string ServiceOf(HttpRequest request) =>
        CredentialScope().Match(request.Headers.Authorization.ToString()) is { Success: true } match
            ? match.Groups["service"].Value
            : "s3";

    private static Task WriteErrorAsync(HttpContext context, string service, bool throttle)
    {
        var response = context.Response;
        if (service == "s3")
        {
            var code = throttle ? "SlowDown" : "InternalError";
            response.StatusCode = throttle ? 503 : 500;
            response.ContentType = "application/xml";
            return response.WriteAsync(
                $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>injected by the fault proxy</Message></Error>");
        }

        var type = throttle ? "ThrottlingException" : "InternalFailure";
        response.StatusCode = throttle ? 400 : 500;
        response.ContentType = "application/x-amz-json-1.0";
        response.Headers["x-amzn-query-error"] = $"{type};{(throttle ? "Sender" : "Receiver")}";
        var prefix = service == "dynamodb" ? "com.amazonaws.dynamodb.v20120810#" : "com.amazonaws.sqs#";
        return response.WriteAsync($"{{\"__type\":\"{prefix}{type}\",\"message\":\"injected by the fault proxy\"}}");
    }

    [GeneratedRegex(@"Credential=[^/]+/[^/]+/[^/]+/(?<service>[^/]+)/aws4_request")]
    private static partial Regex CredentialScope();
}
