using FilePipeline.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FilePipeline.Processor.Lambda;

/// <summary>
/// Lambda mode (<c>AWS_LAMBDA_RUNTIME_API</c> set): the Runtime API loop around the handler the function's <c>Handler</c>
/// setting names (<see cref="LambdaHandlers"/>: the SQS batches, or the bucket-notification custom resource), with
/// environment configuration only, one console logger and OpenTelemetry traces, no health checks (nothing can ask a
/// Lambda sandbox for them). Everything built before the first <c>/invocation/next</c> is cold-start time, so the graph is
/// built by hand (<see cref="LambdaHost"/>); only a function that exports telemetry (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>)
/// starts through the generic host, where ServiceDefaults sets up metrics, logs and the exporter. Anything that fails
/// before the loop runs is reported to <c>/runtime/init/error</c> and the process exits non-zero, as the custom-runtime
/// contract asks.
/// </summary>
public static class LambdaEntryPoint
{
    public static async Task<int> RunAsync(string[] args, string runtimeApi)
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

        return OtlpExport.From(configuration).Enabled
            ? await RunHostedAsync(args, runtimeApi, handler)
            : await RunDirectAsync(configuration, runtimeApi, handler);
    }

    private static async Task<int> RunDirectAsync(IConfiguration configuration, string runtimeApi, LambdaHandler handler)
    {
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
            await host.RunAsync();
        }

        return 0;
    }

    private static async Task<int> RunHostedAsync(string[] args, string runtimeApi, LambdaHandler handler)
    {
        IHost host;
        try
        {
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { Args = args });
            builder.Configuration.AddEnvironmentVariables();
            builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
            builder.ConfigureOpenTelemetry();
            if (handler == LambdaHandler.SqsBatch)
            {
                builder.AddProcessorHandler();
            }

            builder.AddLambdaRuntime(runtimeApi, handler);
            host = builder.Build();
            await host.StartAsync();
        }
        catch (Exception exception)
        {
            await ReportInitErrorAsync(runtimeApi, exception);
            return 1;
        }

        using (host)
        {
            await host.WaitForShutdownAsync();
        }

        return 0;
    }

    private static async Task ReportInitErrorAsync(string runtimeApi, Exception exception)
    {
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(console => console.SingleLine = true));
        Log.InitFailed(loggerFactory.CreateLogger(typeof(LambdaEntryPoint).FullName!), exception);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await new RuntimeApiClient(http, runtimeApi).InitErrorAsync(RuntimeError.From(exception), CancellationToken.None);
    }
}
