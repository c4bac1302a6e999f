using FilePipeline.Viewer.Pipeline;
using Microsoft.AspNetCore.Antiforgery;

namespace FilePipeline.Viewer.Api;

/// <summary>The pipeline API: queue figures, records by status, throughput per minute, dead letters, redrive and reconcile.</summary>
public static class PipelineApi
{
    /// <summary>How many dead letters the API and the page show.</summary>
    public const int DeadLettersShown = 10;

    public static IEndpointRouteBuilder MapPipelineApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Pipeline");
        api.MapGet("/pipeline", (PipelineMonitor monitor, CancellationToken cancellationToken) => monitor.GetStatusAsync(cancellationToken))
            .WithName("GetPipelineStatus")
            .WithSummary("Queue depth, in flight and DLQ depth; records by status; records processed per minute.");
        api.MapGet("/dlq", (QueueMonitor queues, CancellationToken cancellationToken) =>
                queues.PeekDeadLettersAsync(DeadLettersShown, cancellationToken))
            .WithName("ListDeadLetters")
            .WithSummary("Up to 10 messages of the dead-letter queue (left in place), each with why it failed.");
        api.MapPost("/dlq/redrive", RedriveAsync)
            .WithName("Redrive")
            .WithSummary("Moves every dead letter back to the queue. Needs the antiforgery token (GET /api/antiforgery).")
            .Produces<RedriveResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapPost("/reconcile", ReconcileAsync)
            .WithName("Reconcile")
            .WithSummary("Compares the bucket's objects with the records (under ?prefix=, default all) and enqueues a sync for every key that differs. Needs the antiforgery token (GET /api/antiforgery).")
            .Produces<ReconcileOutcome>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<IResult> ReconcileAsync(
        HttpContext context, IAntiforgery antiforgery, RecordReconciler reconciler, string? prefix, CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return InvalidAntiforgeryToken();
        }

        return TypedResults.Ok(await reconciler.RunAsync(prefix, cancellationToken));
    }

    private static async Task<IResult> RedriveAsync(
        HttpContext context, IAntiforgery antiforgery, QueueMonitor queues, CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return InvalidAntiforgeryToken();
        }

        return TypedResults.Ok(await queues.RedriveAsync(cancellationToken));
    }

    private static IResult InvalidAntiforgeryToken() => TypedResults.Problem(
        title: "Missing or invalid antiforgery token",
        detail: "GET /api/antiforgery and send the token in the header it names.",
        statusCode: StatusCodes.Status400BadRequest);
}
