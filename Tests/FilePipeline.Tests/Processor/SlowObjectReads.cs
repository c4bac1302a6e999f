using Amazon.Runtime;

namespace FilePipeline.Tests.Processor;

/// <summary>
/// Latency the emulator cannot add: an HTTP client factory whose clients hold every S3 GetObject response back by
/// <paramref name="delay"/> before passing it on (a large object, a slow network), so that a handler reading the
/// body is overtaken by another handler of the same key. Everything else goes through at once.
/// </summary>
internal sealed class SlowObjectReads(TimeSpan delay) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new Delay(delay, new SocketsHttpHandler()));

    private sealed class Delay(TimeSpan delay, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            // A GetObject: a GET of an object, not of a bucket listing (which has a query, list-type=2).
            if (request.Method == HttpMethod.Get && string.IsNullOrEmpty(request.RequestUri?.Query))
            {
                await Task.Delay(delay, cancellationToken);
            }

            return response;
        }
    }
}
