using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace FilePipeline.Benchmarks;

/// <summary>
/// A Lambda Runtime API on a loopback port for one cold start: the first <c>/invocation/next</c> is answered
/// with an SQS batch holding one <c>s3:TestEvent</c> (handled without AWS calls), the second is left waiting.
/// Records when each request arrived (on the caller's clock), and the bootstrap's RSS and CPU time at that moment.
/// </summary>
internal sealed class FakeRuntimeApi : IDisposable
{
    private const string Event = """
        {"Records":[{"messageId":"5b1c9ef0-0000-4000-8000-000000000001","receiptHandle":"r1","body":"{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Time\":\"2026-11-30T00:00:00.000Z\",\"Bucket\":\"bench\",\"RequestId\":\"R\",\"HostId\":\"H\"}","attributes":{"ApproximateReceiveCount":"1","SentTimestamp":"1764460800000"},"messageAttributes":{},"md5OfBody":"","eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:us-east-1:123456789012:bench","awsRegion":"us-east-1"}]}
        """;

    private readonly HttpListener _listener = new();
    private readonly Stopwatch _clock;
    private readonly Func<int> _pid;
    private readonly Task _serving;

    public FakeRuntimeApi(int port, Stopwatch clock, Func<int> pid)
    {
        Address = $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        _clock = clock;
        _pid = pid;
        _listener.Prefixes.Add($"http://{Address}/");
        _listener.Start();
        _serving = ServeAsync();
    }

    /// <summary>What <c>AWS_LAMBDA_RUNTIME_API</c> is set to.</summary>
    public string Address { get; }

    public TaskCompletionSource<(TimeSpan At, long Rss, TimeSpan Cpu)> FirstNext { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource<(TimeSpan At, long Rss, TimeSpan Cpu)> SecondNext { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource<string> Failure { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Dispose()
    {
        _listener.Close();
        _ = _serving.ContinueWith(t => t.Exception, TaskScheduler.Default);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var at = _clock.Elapsed;
            var path = context.Request.Url?.AbsolutePath ?? "";
            if (path.EndsWith("/invocation/next", StringComparison.Ordinal))
            {
                var rss = ProcessStatus.Rss(_pid());
                var cpu = CpuTimes.Of(_pid());
                if (FirstNext.TrySetResult((at, rss, cpu)))
                {
                    var response = context.Response;
                    response.Headers["Lambda-Runtime-Aws-Request-Id"] = "bench-1";
                    response.Headers["Lambda-Runtime-Deadline-Ms"] = DateTimeOffset.UtcNow.AddSeconds(30).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
                    response.Headers["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:us-east-1:123456789012:function:bench";
                    response.ContentType = "application/json";
                    var body = Encoding.UTF8.GetBytes(Event);
                    await response.OutputStream.WriteAsync(body);
                    response.Close();
                }
                else
                {
                    SecondNext.TrySetResult((at, rss, cpu)); // left unanswered: the bootstrap is killed
                }

                continue;
            }

            using (var reader = new StreamReader(context.Request.InputStream))
            {
                var text = await reader.ReadToEndAsync();
                if (!path.EndsWith("/response", StringComparison.Ordinal) || text.Contains("\"itemIdentifier\"", StringComparison.Ordinal))
                {
                    Failure.TrySetResult($"{path}: {text}");
                }
            }

            context.Response.StatusCode = 202;
            context.Response.Close();
        }
    }
}
