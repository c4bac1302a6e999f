using Amazon.Runtime;

namespace FilePipeline.Tests.Processor;

/// <summary>
/// What DynamoDB guarantees and moto 5.2.1 does not: a conditional write is atomic. moto checks the condition and
/// then stores the item without a lock, so two concurrent PutItems with the same condition can both succeed
/// (measured here: 4 concurrent writers on each of 40 fresh keys, one key with two winners, in two runs of two).
/// The processor's optimistic concurrency rests on that guarantee, so tests that run handlers concurrently give
/// their DynamoDB client this HTTP client factory: it sends the writes (PutItem, UpdateItem, DeleteItem) of every
/// client that shares it one at a time, and everything else (reads, the S3 calls, the scans) as it comes.
/// </summary>
internal sealed class AtomicConditionalWrites : HttpClientFactory
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new OneWriteAtATime(_gate, new SocketsHttpHandler()));

    private sealed class OneWriteAtATime(SemaphoreSlim gate, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!IsWrite(request))
            {
                return await base.SendAsync(request, cancellationToken);
            }

            await gate.WaitAsync(cancellationToken);
            try
            {
                var response = await base.SendAsync(request, cancellationToken);
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                return response;
            }
            finally
            {
                gate.Release();
            }
        }

        private static bool IsWrite(HttpRequestMessage request) =>
            request.Headers.TryGetValues("X-Amz-Target", out var targets)
            && targets.Any(target => target.EndsWith(".PutItem", StringComparison.Ordinal)
                || target.EndsWith(".UpdateItem", StringComparison.Ordinal)
                || target.EndsWith(".DeleteItem", StringComparison.Ordinal));
    }
}
