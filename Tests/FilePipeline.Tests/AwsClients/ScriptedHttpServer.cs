using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FilePipeline.Tests.AwsClients;

/// <summary>
/// A loopback HTTP server that answers from a script (fault injection moto cannot do: 500 then 200, canned
/// documented responses) and records every request it saw. Requests past the end of the script get a 599.
/// </summary>
internal sealed class ScriptedHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<ScriptedResponse> _script;
    private readonly Task _loop;

    public ScriptedHttpServer(params ScriptedResponse[] script)
    {
        _script = new ConcurrentQueue<ScriptedResponse>(script);
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null)
                .ToDictionary(k => k!, k => context.Request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase);
            Requests.Enqueue(new RecordedRequest(context.Request.HttpMethod, context.Request.RawUrl ?? "/", headers, body));

            var response = _script.TryDequeue(out var next) ? next : new ScriptedResponse(599, "text/plain", "script exhausted");
            context.Response.StatusCode = response.Status;
            context.Response.ContentType = response.ContentType;
            foreach (var (name, value) in response.Headers ?? [])
            {
                context.Response.Headers[name] = value;
            }

            var bytes = Encoding.UTF8.GetBytes(response.Body);
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Close alone, not Stop then Close: on Linux, Close after Stop removes the prefix a second time, and finding the
        // port's (already closed) endpoint again binds it anew; a port another process took meanwhile then fails the
        // test with "Address already in use" (CI, CloudFormationProtocolTests, 2026-12-07).
        _listener.Close();
        await _loop;
    }
}

internal sealed record ScriptedResponse(int Status, string ContentType, string Body, Dictionary<string, string>? Headers = null)
{
    public static ScriptedResponse AwsJson(int status, string body, Dictionary<string, string>? headers = null) =>
        new(status, "application/x-amz-json-1.0", body, headers);

    public static ScriptedResponse Xml(int status, string body) => new(status, "text/xml", body);
}

internal sealed record RecordedRequest(string Method, string Path, Dictionary<string, string> Headers, string Body);
