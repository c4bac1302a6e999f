using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Configuration.Memory;

namespace FilePipeline.Processor;

/// <summary>
/// Worker mode: the long-polling queue worker. With <c>ASPNETCORE_URLS</c> (or <c>--urls</c>) it also serves
/// <c>/health</c> and <c>/alive</c>, so an orchestrator can wait for it.
/// </summary>
public static class WorkerEntryPoint
{
    /// <summary>
    /// False in the published Lambda bootstrap (Processor.csproj sets the switch for a runtime-specific publish), where
    /// the trimmer then leaves out the worker, the web host and its health endpoints: about a fifth of the binary, and
    /// memory and start-up time with it (docs/benchmarks.md, lambda).
    /// </summary>
    [FeatureSwitchDefinition(WorkerSupportSwitch)]
    public static bool IsSupported => !AppContext.TryGetSwitch(WorkerSupportSwitch, out var enabled) || enabled;

    private const string WorkerSupportSwitch = "FilePipeline.Processor.WorkerSupport";

    public static async Task<int> RunAsync(string[] args)
    {
        var serveHttp = Environment.GetEnvironmentVariable("ASPNETCORE_URLS") is { Length: > 0 }
            || args.Any(arg => arg.StartsWith("--urls", StringComparison.Ordinal));
        if (serveHttp)
        {
            var web = WebApplication.CreateSlimBuilder(args);
            // Its only requests are an orchestrator's health probes: no info lines for each. A default only, as an
            // appsettings.json would set it: Logging__LogLevel__Microsoft.AspNetCore in the environment overrides it.
            web.Configuration.Sources.Insert(0, new MemoryConfigurationSource
            {
                InitialData = [new("Logging:LogLevel:Microsoft.AspNetCore", "Warning")],
            });
            web.AddServiceDefaults();
            web.AddProcessorHandler();
            web.AddQueueWorker();
            await using var app = web.Build();
            app.MapDefaultEndpoints();
            await app.RunAsync();
            return 0;
        }

        var builder = Host.CreateApplicationBuilder(args);
        builder.AddServiceDefaults();
        builder.AddProcessorHandler();
        builder.AddQueueWorker();
        using var host = builder.Build();
        await host.RunAsync();
        return 0;
    }
}
