using System.CommandLine;
using System.Diagnostics;
using FilePipeline.AppHost.Orchestration;
using FilePipeline.Provisioning;
using FilePipeline.Telemetry;

namespace FilePipeline.AppHost;

/// <summary>The root command's own action: run the whole pipeline locally.</summary>
public static class RunCommand
{
    private static readonly ActivitySource Source = new("FilePipeline.AppHost");

    public static void Configure(RootCommand root)
    {
        var processors = new Option<int>("--processors")
        {
            Description = "How many processor (queue worker) processes to run.",
            DefaultValueFactory = _ => 2,
        };
        processors.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 32)
            {
                result.AddError("--processors must be between 1 and 32.");
            }
        });
        var endpoint = new Option<string?>("--endpoint")
        {
            Description = "Use an emulator that is already running (LocalStack or moto) at this URL; start none. "
                + "Default: AWS_ENDPOINT_URL if set, else start moto_server.",
        };
        var stack = new Option<string>("--stack")
        {
            Description = "Name of the local stack.",
            DefaultValueFactory = _ => "file-pipeline",
        };
        var readyTimeout = new Option<int>("--ready-timeout")
        {
            Description = "Seconds to wait for every service to become healthy.",
            DefaultValueFactory = _ => 120,
        };
        var exitWhenReady = new Option<bool>("--exit-when-ready")
        {
            Description = "Stop everything as soon as all services are healthy (to measure start-up time).",
        };
        var routing = new Option<RoutingMode>("--routing")
        {
            Description = "How bucket events reach the queue: Direct (S3 -> SQS), Sns (S3 -> SNS -> SQS) or EventBridge.",
            DefaultValueFactory = _ => RoutingMode.Direct,
        };
        var dashboard = new Option<string?>("--dashboard-url")
        {
            Description = "Trace link for the viewer, with a {traceId} placeholder, e.g. http://localhost:18888/traces/detail/{traceId} "
                + "(the Aspire dashboard). Passed to the viewer as Viewer__DashboardUrl.",
        };
        dashboard.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } url && !url.Contains("{traceId}", StringComparison.Ordinal))
            {
                result.AddError("--dashboard-url must contain the {traceId} placeholder.");
            }
        });
        root.Options.Add(processors);
        root.Options.Add(endpoint);
        root.Options.Add(stack);
        root.Options.Add(readyTimeout);
        root.Options.Add(exitWhenReady);
        root.Options.Add(routing);
        root.Options.Add(dashboard);
        root.SetAction(async (result, cancellationToken) =>
        {
            var options = new RunOptions(
                result.GetValue(processors),
                result.GetValue(endpoint),
                result.GetValue(stack)!,
                TimeSpan.FromSeconds(result.GetValue(readyTimeout)),
                result.GetValue(exitWhenReady),
                result.GetValue(routing),
                result.GetValue(dashboard));
            var logs = LogMultiplexer.ForConsole();
            logs.Register("apphost");
            for (var i = 1; i <= options.Processors; i++)
            {
                logs.Register($"processor-{i}");
            }

            logs.Register("viewer");
            var logger = new MultiplexedLogger(logs, "apphost");
            return await CommandTelemetry.RunAsync("apphost", Source, "run", () => new LocalPipeline(options, logs, logger).RunAsync(cancellationToken));
        });
    }
}
