using System.Diagnostics;
using FilePipeline.AppHost.CloudFormation;
using FilePipeline.AppHost.Supervision;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FilePipeline.AppHost.Emulator;

/// <summary>What to bring back when the emulator the AppHost started dies: the emulator, then the stack, then the services on it.</summary>
public sealed record EmulatorRecoveryPlan(IResource Emulator, CloudFormationTemplateResource Stack, IReadOnlyList<IResource> Services);

public static class EmulatorRecoveryExtensions
{
    /// <summary>
    /// When moto_server (started by the AppHost) dies, says so in one line, stops the services on it (no flood of
    /// connection errors), starts moto_server again, provisions the stack again (moto keeps everything in memory,
    /// so it is all gone) and starts the services again with the new stack's outputs. An emulator that the
    /// AppHost did not start is left alone.
    /// </summary>
    public static AwsEmulator WithRecovery(
        this AwsEmulator emulator, IResourceBuilder<CloudFormationTemplateResource> stack, params IResourceBuilder<IResource>[] services)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        ArgumentNullException.ThrowIfNull(stack);
        if (emulator.StartedByAppHost)
        {
            var app = emulator.Resource.ApplicationBuilder.Services;
            app.AddSingleton(new EmulatorRecoveryPlan(emulator.Resource.Resource, stack.Resource, [.. services.Select(s => s.Resource)]));
            app.AddCrashRestarts();
            app.AddHostedService<EmulatorRecovery>();
        }

        return emulator;
    }
}

/// <summary>Carries out the <see cref="EmulatorRecoveryPlan"/> each time the emulator exits while the app runs.</summary>
public sealed class EmulatorRecovery(
    EmulatorRecoveryPlan plan,
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    ResourceLoggerService loggers,
    StackProvisioning provisioning,
    CrashRestarts crashRestarts,
    IHostApplicationLifetime lifetime,
    ILogger<EmulatorRecovery> logger) : BackgroundService
{
    private static readonly TimeSpan EmulatorStartTimeout = TimeSpan.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string? last = null;
        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken))
            {
                if (update.Resource != plan.Emulator)
                {
                    continue;
                }

                var state = update.Snapshot.State?.Text;
                var died = last == KnownResourceStates.Running && KnownResourceStates.TerminalStates.Contains(state);
                last = state;
                if (died && !lifetime.ApplicationStopping.IsCancellationRequested)
                {
                    await RecoverAsync(update.Snapshot, stoppingToken);

                    // Updates of the dead instance published during the recovery are still queued: only a Running
                    // seen from here on (the new instance) arms the watch again.
                    last = null;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app stops.
        }
    }

    private async Task RecoverAsync(CustomResourceSnapshot exited, CancellationToken stoppingToken)
    {
        var clock = Stopwatch.StartNew();
        var lostAt = DateTime.UtcNow;
        var pid = exited.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value?.ToString() ?? "?";
        var exitCode = exited.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown";
        Log.EmulatorLost(logger, pid, exitCode);
        Log.EmulatorLost(loggers.GetLogger(plan.Emulator), pid, exitCode);
        Log.EmulatorLost(loggers.GetLogger(plan.Stack), pid, exitCode);
        try
        {
            plan.Stack.Lost();
            await notifications.PublishUpdateAsync(plan.Stack, s => s with { State = KnownResourceStates.Waiting });
            foreach (var service in plan.Services)
            {
                crashRestarts.Pause(service);
                await commands.ExecuteCommandAsync(service, KnownResourceCommands.StopCommand, stoppingToken);
            }

            await commands.ExecuteCommandAsync(plan.Emulator, KnownResourceCommands.StartCommand, stoppingToken);
            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
            {
                deadline.CancelAfter(EmulatorStartTimeout);
                await notifications.WaitForResourceAsync(
                    plan.Emulator.Name,
                    e => e.Snapshot.State?.Text == KnownResourceStates.Running && e.Snapshot.HealthStatus == HealthStatus.Healthy
                        && e.Snapshot.StartTimeStamp >= lostAt,
                    deadline.Token);
            }

            if (await provisioning.ProvisionAsync(plan.Stack, stoppingToken))
            {
                Log.EmulatorRecovered(logger, clock.Elapsed.TotalSeconds);
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            Log.EmulatorRecoveryFailed(logger, $"moto_server was not healthy again within {EmulatorStartTimeout.TotalSeconds:0} s");
        }
        finally
        {
            if (!stoppingToken.IsCancellationRequested)
            {
                foreach (var service in plan.Services)
                {
                    await commands.ExecuteCommandAsync(service, KnownResourceCommands.StartCommand, stoppingToken);
                    crashRestarts.Resume(service);
                }
            }
        }
    }
}
