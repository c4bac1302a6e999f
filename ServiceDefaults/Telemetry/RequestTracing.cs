using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace FilePipeline.Telemetry;

/// <summary>
/// ASP.NET Core starts a server span per request (source <c>Microsoft.AspNetCore</c>) but, without
/// <c>OpenTelemetry.Instrumentation.AspNetCore</c> (absent from the NuGet copy), leaves it bare. This middleware,
/// first in the pipeline, gives it the HTTP semantic-convention attributes and a <c>{method} {route}</c> name, and
/// drops the spans of health probes (<c>/health</c>, <c>/alive</c>) so they do not drown the pipeline's traces.
/// </summary>
internal sealed class RequestTracing(RequestDelegate next)
{
    private static readonly PathString[] ProbePaths = ["/health", "/alive"];

    public async Task InvokeAsync(HttpContext context)
    {
        var activity = context.Features.Get<IHttpActivityFeature>()?.Activity;
        if (activity is null || !activity.IsAllDataRequested)
        {
            await next(context);
            return;
        }
        var request = context.Request;
        if (ProbePaths.Any(path => request.Path.Equals(path, StringComparison.OrdinalIgnoreCase)))
        {
            activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
            activity.IsAllDataRequested = false;
            await next(context);
            return;
        }

        activity.SetTag("http.request.method", request.Method);
        activity.SetTag("url.scheme", request.Scheme);
        activity.SetTag("url.path", request.Path.Value);
        activity.SetTag("server.address", request.Host.Host);
        if (request.Host.Port is { } port)
        {
            activity.SetTag("server.port", port);
        }
        activity.SetTag("network.protocol.version", request.Protocol.StartsWith("HTTP/", StringComparison.Ordinal) ? request.Protocol[5..] : request.Protocol);
        if (request.Headers.UserAgent is [{ Length: > 0 } agent])
        {
            activity.SetTag("user_agent.original", agent);
        }
        try
        {
            await next(context);
        }
        catch (Exception e)
        {
            activity.SetTag("error.type", e.GetType().FullName);
            activity.SetStatus(ActivityStatusCode.Error, e.Message);
            throw;
        }
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        if (route is not null)
        {
            activity.SetTag("http.route", route);
        }
        activity.DisplayName = route is null ? request.Method : $"{request.Method} {route}";
        var status = context.Response.StatusCode;
        activity.SetTag("http.response.status_code", status);
        if (status >= 500)
        {
            activity.SetTag("error.type", status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            activity.SetStatus(ActivityStatusCode.Error);
        }
    }
}

/// <summary>Puts <see cref="RequestTracing"/> in front of every web app's pipeline.</summary>
internal sealed class RequestTracingStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<RequestTracing>();
        next(app);
    };
}
