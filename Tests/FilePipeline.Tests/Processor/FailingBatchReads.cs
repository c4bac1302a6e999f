using System.Net;
using System.Text;
using Amazon.Runtime;

namespace FilePipeline.Tests.Processor;

/// <summary>
/// A fault the emulator cannot make on demand: an HTTP client factory whose clients answer every DynamoDB
/// BatchGetItem with 400 ValidationException (an error the SDK does not retry), and send everything else on.
/// </summary>
internal sealed class FailingBatchReads : HttpClientFactory
{
    private int _refused;

    /// <summary>BatchGetItem requests answered with the error so far.</summary>
    public int Refused => Volatile.Read(ref _refused);

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new Refuse(this, new SocketsHttpHandler()));

    private sealed class Refuse(FailingBatchReads owner, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!request.Headers.TryGetValues("X-Amz-Target", out var targets) || !targets.Any(target => target.EndsWith(".BatchGetItem", StringComparison.Ordinal)))
            {
                return base.SendAsync(request, cancellationToken);
            }

            Interlocked.Increment(ref owner._refused);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadRequest)
            {
                RequestMessage = request,
                Content = new StringContent(
                    """{"__type":"com.amazon.coral.validate#ValidationException","message":"injected: BatchGetItem refused"}""",
                    Encoding.UTF8, "application/x-amz-json-1.0"),
            });
        }
    }
}
