using Amazon.DynamoDBv2;
using Amazon.S3;
using Amazon.SQS;
using FilePipeline.FileRecords;
using FilePipeline.Viewer.Api;
using FilePipeline.Viewer.Pipeline;
using FilePipeline.Viewer.Records;
using FilePipeline.Viewer.Security;
using FilePipeline.Viewer.Uploads;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Rewrite;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace FilePipeline.Viewer;

/// <summary>The viewer's wiring: options, AWS clients, pages, API and the safety defaults.</summary>
public static class Extensions
{
    public static WebApplicationBuilder AddViewer(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var viewer = configuration.GetSection(ViewerOptions.Section).Get<ViewerOptions>() ?? new ViewerOptions();

        // Loopback unless told otherwise, and never beyond it without an access token.
        var urls = ListenAddressPolicy.ConfiguredUrls(configuration);
        if (urls.Count == 0)
        {
            builder.WebHost.UseUrls(ListenAddressPolicy.DefaultUrl);
        }

        ListenAddressPolicy.Check(urls, viewer.AccessToken);

        builder.Services.AddOptions<ResourceOptions>().BindConfiguration(ResourceOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.BucketName), "AWS:Resources:BucketName is required (env AWS__Resources__BucketName).")
            .Validate(o => !string.IsNullOrWhiteSpace(o.TableName), "AWS:Resources:TableName is required (env AWS__Resources__TableName).")
            .ValidateOnStart();
        builder.Services.AddOptions<ViewerOptions>().BindConfiguration(ViewerOptions.Section)
            .Validate(o => string.IsNullOrEmpty(o.DashboardUrl) || o.DashboardUrl.Contains(ViewerOptions.TraceIdPlaceholder, StringComparison.Ordinal),
                "Viewer:DashboardUrl must contain the {traceId} placeholder.")
            .Validate(o => o.MaxUploadBytes > 0, "Viewer:MaxUploadBytes must be positive.")
            .Validate(o => o.PageSize is > 0 and <= RecordQueries.MaxPageSize, $"Viewer:PageSize must be 1 to {RecordQueries.MaxPageSize}.")
            .Validate(o => o.LivePollInterval > TimeSpan.Zero, "Viewer:LivePollInterval must be positive.")
            .ValidateOnStart();

        builder.Services.AddAwsClient<IAmazonS3>();
        builder.Services.AddAwsClient<IAmazonDynamoDB>();
        builder.Services.AddAwsClient<IAmazonSQS>();
        builder.Services.AddSingleton(services => new RecordQueries(
            services.GetRequiredService<IAmazonDynamoDB>(),
            services.GetRequiredService<IOptions<ResourceOptions>>().Value.TableName));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<LiveRecordFeed>();
        builder.Services.AddSingleton<BrowserUploads>();
        builder.Services.AddSingleton<QueueMonitor>();
        builder.Services.AddSingleton<RecordReconciler>();
        builder.Services.AddSingleton<PipelineMonitor>();

        var maxRequest = UploadsApi.MaxRequestBytes(viewer.MaxUploadBytes);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = maxRequest);
        builder.Services.Configure<FormOptions>(form => form.MultipartBodyLengthLimit = maxRequest);

        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, ViewerJsonContext.Default);
            json.SerializerOptions.Converters.Add(new RecordStatusJsonConverter());
        });
        builder.Services.AddProblemDetails();
        // The antiforgery tokens are protected with ASP.NET Core's data-protection keys, kept in ~/.aspnet/DataProtection-Keys
        // (mode 600). On Linux it says at Warning that it stored a new key unencrypted: on a fresh machine the first page with
        // a form would print that, with nothing for the viewer's user to do. Its errors (a key ring it cannot read) still show.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);
        builder.Services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "viewer_antiforgery";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
        });
        builder.Services.AddRazorPages();
        builder.Services.AddOpenApi();
        return builder;
    }

    public static WebApplication UseViewer(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var resources = app.Services.GetRequiredService<IOptions<ResourceOptions>>().Value;
        Log.Serving(app.Logger, resources.BucketName, resources.TableName);
        var exposed = ListenAddressPolicy.NonLoopback(ListenAddressPolicy.ConfiguredUrls(app.Configuration));
        if (exposed.Count > 0)
        {
            Log.ExposedWithToken(app.Logger, string.Join(", ", exposed));
        }

        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        // An API error that has no body of its own (no such route, method not allowed) is problem+json too.
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseMiddleware<AccessTokenGate>();
        // What a browser or tool asks for without reading the page's <link rel="icon">.
        app.UseRewriter(new RewriteOptions().AddRewrite("^favicon\\.ico$", "assets/favicon.svg", skipRemainingRules: true));
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "Assets")),
            RequestPath = "/assets",
        });
        app.UseRouting();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapViewer(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi();
        app.MapRecordsApi();
        app.MapUploadsApi();
        app.MapPipelineApi();
        app.MapRazorPages();
        return app;
    }
}
