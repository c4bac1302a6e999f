using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using FilePipeline.Emulator;
using FilePipeline.Provisioning;
using Microsoft.Extensions.Logging;

namespace FilePipeline.AppHost.Orchestration;

/// <summary>
/// The AppHost's default action: emulator, stack, processors and viewer as supervised child processes,
/// wired through configuration in Aspire's conventions; a summary once all are healthy; a clean stop.
/// </summary>
public sealed class LocalPipeline(RunOptions options, LogMultiplexer logs, ILogger logger)
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(20);

    /// <summary>moto_server answers in about 0.5 s on an idle machine; a loaded one can take many times that.</summary>
    private static readonly TimeSpan EmulatorStartTimeout = TimeSpan.FromSeconds(90);

    public async Task<int> RunAsync(CancellationToken stopping)
    {
        var clock = Stopwatch.StartNew();
        EmulatorEndpoint emulator;
        try
        {
            emulator = await EmulatorEndpoint.StartOrAttachAsync(options.Endpoint, EmulatorStartTimeout, stopping);
        }
        catch (Exception e) when (e is EmulatorNotFoundException or EmulatorStartException)
        {
            Log.EmulatorUnavailable(logger, e.Message);
            return ExitCodes.Unavailable;
        }

        await using (emulator)
        {
            Log.Emulator(logger, emulator.Url, emulator.ProcessId is { } motoPid ? $"started, pid {motoPid}" : "attached");
            var clientEnvironment = emulator.ClientEnvironment();
            foreach (var (name, value) in clientEnvironment)
            {
                // The AppHost's own AWS clients (provisioning) talk to the emulator with the children's settings.
                Environment.SetEnvironmentVariable(name, value);
            }

            StackOutputs resources;
            try
            {
                // infra/filepipeline.yaml with Local=true, then what the emulator ignores in it, by API (EmulatorGaps).
                using var provisioner = StackProvisioner.FromEnvironment();
                resources = await provisioner.ProvisionLocalAsync(options.StackName, options.Routing, stopping);
            }
            catch (Exception e) when (e is AwsSettingsException or ArgumentException or InvalidOperationException or StackOperationException
                or TimeoutException or AmazonServiceException or AmazonClientException or HttpRequestException)
            {
                Log.ProvisioningFailed(logger, options.StackName, e.Message);
                return e switch
                {
                    ArgumentException => ExitCodes.Usage,
                    AwsSettingsException or HttpRequestException => ExitCodes.Unavailable,
                    AmazonClientException { InnerException: HttpRequestException } => ExitCodes.Unavailable,
                    _ => ExitCodes.Failure,
                };
            }

            Log.Provisioned(logger, options.StackName, options.Routing.ToString(), clock.Elapsed.TotalSeconds);

            var viewerUrl = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}");
            var specs = Enumerable.Range(1, options.Processors)
                .Select(i => Service($"processor-{i}", ServiceBinaries.Processor, emulator, resources, new Uri($"http://127.0.0.1:{FreeLoopbackPort()}")))
                .Append(Service("viewer", ServiceBinaries.Viewer, emulator, resources, viewerUrl))
                .ToList();
            foreach (var spec in specs)
            {
                logs.Register(spec.Name);
            }

            var children = specs
                .Select(spec => new SupervisedProcess(spec, logs, logger, RestartBackoff.Default, StopGrace))
                .ToList();
            using var stopChildren = new CancellationTokenSource();
            var runs = children.Select(child => child.RunAsync(stopChildren.Token)).ToList();
            try
            {
                if (!await AllHealthyAsync(children, stopping))
                {
                    return stopping.IsCancellationRequested ? ExitCodes.Success : ExitCodes.Failure;
                }

                logs.WriteRaw(Summary(emulator, resources, viewerUrl, clock.Elapsed));
                if (!options.ExitWhenReady)
                {
                    await WaitForStopAsync(stopping);
                }

                return ExitCodes.Success;
            }
            finally
            {
                Log.StoppingAll(logger);
                await stopChildren.CancelAsync();
                await Task.WhenAll(runs);
                Log.StoppedAll(logger);
            }
        }
    }

    private ChildSpec Service(string name, string assembly, EmulatorEndpoint emulator, StackOutputs resources, Uri url)
    {
        var environment = new Dictionary<string, string>(emulator.ClientEnvironment())
        {
            ["ASPNETCORE_URLS"] = url.ToString().TrimEnd('/'),
            ["OTEL_SERVICE_NAME"] = name,
        };
        foreach (var (key, value) in resources.ToEnvironment())
        {
            environment[key] = value;
        }

        if (Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT") is { Length: > 0 } otlp)
        {
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp;
        }

        if (name == "viewer" && options.DashboardUrl is { Length: > 0 } dashboard)
        {
            // The viewer links each record's trace id to the dashboard (ViewerOptions.DashboardUrl, config Viewer:DashboardUrl).
            environment["Viewer__DashboardUrl"] = dashboard;
        }

        return new ChildSpec(name, Executables.Dotnet, [ServiceBinaries.PathOf(assembly)], environment, new Uri(url, "/health"));
    }

    private async Task<bool> AllHealthyAsync(IReadOnlyList<SupervisedProcess> children, CancellationToken stopping)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        deadline.CancelAfter(options.ReadyTimeout);
        try
        {
            await Task.WhenAll(children.Select(child => child.Healthy)).WaitAsync(deadline.Token);
            return true;
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            var late = string.Join(", ", children.Where(child => !child.Healthy.IsCompleted).Select(child => child.Name));
            Log.NotReady(logger, late, options.ReadyTimeout.TotalSeconds);
            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static string Summary(EmulatorEndpoint emulator, StackOutputs resources, Uri viewerUrl, TimeSpan elapsed)
    {
        var endpoint = emulator.Url.ToString().TrimEnd('/');
        var sinceProcessStart = DateTime.Now - Process.GetCurrentProcess().StartTime;
        return string.Create(CultureInfo.InvariantCulture, $"""

            ready in {sinceProcessStart.TotalSeconds:0.0} s (pipeline {elapsed.TotalSeconds:0.0} s)
              viewer    {viewerUrl}
              emulator  {endpoint}
              bucket    {resources.BucketName}
              queue     {resources.QueueUrl}
              dlq       {resources.DeadLetterQueueUrl}
              table     {resources.TableName}
              routing   {resources.Routing}
              upload    aws --endpoint-url {endpoint} s3 cp ./some-file.txt s3://{resources.BucketName}/
            Ctrl+C stops everything.


            """);
    }

    private static async Task WaitForStopAsync(CancellationToken stopping)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, stopping);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM.
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
