using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FilePipeline.AppHost.Health;

public static class PromptHttpHealthCheckExtensions
{
    /// <summary>
    /// Aspire's <c>WithHttpHealthCheck</c>, but noticed as soon as the endpoint answers. Aspire checks a resource that
    /// is not healthy yet after 1, 2, 3, 4, then 5 s, so a service that is up 1.1 s after it started is seen healthy at
    /// 3 s. This check polls the endpoint every <see cref="PromptHttpHealthCheck.PollInterval"/> within one check,
    /// for at most <see cref="PromptHttpHealthCheck.PollFor"/>, and so answers Healthy within a poll of the moment the
    /// endpoint does. The URL is the endpoint's, fixed just before the resource starts, as Aspire's check does it.
    /// </summary>
    public static IResourceBuilder<T> WithPromptHttpHealthCheck<T>(this IResourceBuilder<T> builder, string path, string endpointName = "http")
        where T : IResourceWithEndpoints
    {
        ArgumentNullException.ThrowIfNull(builder);
        var endpoint = builder.GetEndpoint(endpointName);
        var check = new PromptHttpHealthCheck();
        builder.OnBeforeResourceStarted((_, _, _) =>
        {
            check.Url = new Uri(new Uri(endpoint.Url, UriKind.Absolute), path);
            return Task.CompletedTask;
        });

        var key = $"{builder.Resource.Name}_{endpointName}_{path}_prompt";
        builder.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(key, check, HealthStatus.Unhealthy, tags: null));
        return builder.WithHealthCheck(key);
    }
}

/// <summary>Healthy once the URL answers 200; polls for a while before it says Unhealthy.</summary>
public sealed class PromptHttpHealthCheck : IHealthCheck
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan PollFor = TimeSpan.FromSeconds(5);

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    public Uri? Url { get; set; }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (Url is not { } url)
        {
            return HealthCheckResult.Unhealthy("The resource has not started yet.");
        }

        var started = Stopwatch.GetTimestamp();
        var problem = "no answer yet";
        while (true)
        {
            try
            {
                using var response = await Http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                if (response.StatusCode == System.Net.HttpStatusCode.OK)
                {
                    return HealthCheckResult.Healthy($"{url} answers 200");
                }

                problem = $"answers {(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                problem = e.Message;
            }

            if (Stopwatch.GetElapsedTime(started) + PollInterval > PollFor)
            {
                return HealthCheckResult.Unhealthy($"{url}: {problem}");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }
}
