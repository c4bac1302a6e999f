using FilePipeline.Viewer.Pipeline;

namespace FilePipeline.Viewer.Api;

/// <summary>The pipeline API: queue figures, records by status and throughput per minute.</summary>
public static class PipelineApi
{
    public static IEndpointRouteBuilder MapPipelineApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Pipeline");
        api.MapGet("/pipeline", (PipelineMonitor monitor, CancellationToken cancellationToken) => monitor.GetStatusAsync(cancellationToken))
            .WithName("GetPipelineStatus")
            .WithSummary("Queue depth, in flight and DLQ depth; records by status; records processed per minute.");
        return app;
    }
}
