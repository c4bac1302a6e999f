using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace FilePipeline.Processor.Lambda;

/// <summary>
/// Lambda mode (<c>AWS_LAMBDA_RUNTIME_API</c> set): the Runtime API loop around the handler the function's <c>Handler</c>
/// setting names (<see cref="LambdaHandlers"/>: the SQS batches, or the bucket-notification custom resource), with
/// environment configuration only, one console logger and OpenTelemetry traces, no health checks (nothing can ask a
/// Lambda sandbox for them). Everything built before the first <c>/invocation/next</c> is cold-start time, so the graph is
/// built by hand (<see cref="LambdaHost"/>), also for a function that exports telemetry (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>:
/// ServiceDefaults' metrics, logs and exporter then come from a container of their own). No generic host. Anything that
/// fails before the loop runs is reported to <c>/runtime/init/error</c> and the process exits non-zero, as the
/// custom-runtime contract asks; so does a Runtime API that fails a call later (one log line, exit code 1).
/// </summary>
public static class LambdaEntryPoint
{
    public static async Task<int> RunAsync(string runtimeApi)
    {
        LambdaHandler handler;
        IConfiguration configuration;
        try
        {
            // The function's Handler setting picks what this bootstrap serves (one package for both functions).
            handler = LambdaHandlers.Parse(Environment.GetEnvironmentVariable("_HANDLER"));
            configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        }
        catch (Exception exception)
        {
            await ReportInitErrorAsync(runtimeApi, exception);
            return 1;
        }

        LambdaHost host;
        try
        {
            host = LambdaHost.Create(configuration, runtimeApi, handler);
        }
        catch (Exception exception)
        {
            await ReportInitErrorAsync(runtimeApi, exception);
            return 1;
        }

        using (host)
        {
            return await host.RunAsync() ? 0 : 1;
        }
    }

    private static async Task ReportInitErrorAsync(string runtimeApi, Exception exception)
    {
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(console => console.SingleLine = true));
        Log.InitFailed(loggerFactory.CreateLogger(typeof(LambdaEntryPoint).FullName!), exception);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await new RuntimeApiClient(http, runtimeApi).InitErrorAsync(RuntimeError.From(exception), CancellationToken.None);
    }
}
