using Microsoft.Extensions.Configuration;

namespace FilePipeline.AppHost;

public static class Dashboard
{
    /// <summary>The dashboard's address (the launch profile's applicationUrl), or null when it does not run.</summary>
    public static Uri? Url(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var first = configuration["ASPNETCORE_URLS"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return configuration.GetValue("Dashboard:Disabled", false) || configuration.GetValue("DOTNET_DASHBOARD_DISABLED", false)
            || !Uri.TryCreate(first, UriKind.Absolute, out var url) ? null : url;
    }

    /// <summary>The viewer links each record's trace id to the dashboard's trace view (config <c>Viewer:DashboardUrl</c>).</summary>
    public static IResourceBuilder<T> WithDashboardTraceLinks<T>(this IResourceBuilder<T> builder)
        where T : IResourceWithEnvironment
    {
        ArgumentNullException.ThrowIfNull(builder);
        return Url(builder.ApplicationBuilder.Configuration) is { } dashboard
            ? builder.WithEnvironment("Viewer__DashboardUrl", new Uri(dashboard, "/traces/detail/").ToString() + "{traceId}")
            : builder;
    }
}
