using System.Buffers;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using FilePipeline.FileRecords;
using FilePipeline.Viewer.Records;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace FilePipeline.Viewer.Api;

/// <summary>The records API: list (newest first, filtered, paginated), one record, and the live feed of new records.</summary>
public static class RecordsApi
{
    public static IEndpointRouteBuilder MapRecordsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Records");
        api.MapGet("/records", ListAsync)
            .ProducesValidationProblem()
            .WithName("ListRecords")
            .WithSummary("Records newest first, filtered by status, detected type (prefix), key prefix, key substring (q) and processing date range.");
        api.MapGet("/records/by-key", ByKeyPrefixAsync)
            .ProducesValidationProblem()
            .WithName("ListRecordsByKeyPrefix")
            .WithSummary("Records whose key starts with a prefix, in key order.");
        api.MapGet("/record", GetAsync)
            .WithName("GetRecord")
            .WithSummary("Every field of one record, by key.");
        api.MapGet("/records/live", Live)
            .Produces<RecordSummary>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesValidationProblem()
            .WithName("LiveRecords")
            .WithSummary("Server-sent events: one 'record' event per record processed at or after 'since' (default: now).");
        return app;
    }

    private static async Task<Results<Ok<RecordList>, ValidationProblem>> ListAsync(
        [AsParameters] RecordListQuery query,
        string? limit,
        RecordQueries records,
        IOptions<ResourceOptions> resources,
        IOptions<ViewerOptions> options,
        CancellationToken cancellationToken)
    {
        var (filter, filterErrors) = query.ToFilter();
        var errors = new Dictionary<string, string[]>(filterErrors);
        var pageSize = QueryValues.Limit(limit, options.Value.PageSize, errors);
        if (filter is null || errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        try
        {
            var page = await records.NewestAsync(
                resources.Value.BucketName, filter, pageSize, query.PageToken, cancellationToken);
            return TypedResults.Ok(new RecordList([.. page.Records.Select(RecordSummary.From)], page.NextPageToken));
        }
        catch (FormatException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["pageToken"] = [e.Message] });
        }
    }

    private static async Task<Results<Ok<RecordList>, ValidationProblem>> ByKeyPrefixAsync(
        string? prefix,
        string? pageToken,
        string? limit,
        RecordQueries records,
        IOptions<ResourceOptions> resources,
        IOptions<ViewerOptions> options,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var pageSize = QueryValues.Limit(limit, options.Value.PageSize, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        try
        {
            var page = await records.ByKeyPrefixAsync(
                resources.Value.BucketName, prefix ?? "", pageSize, pageToken, cancellationToken);
            return TypedResults.Ok(new RecordList([.. page.Records.Select(RecordSummary.From)], page.NextPageToken));
        }
        catch (FormatException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["pageToken"] = [e.Message] });
        }
    }

    private static async Task<Results<Ok<RecordDetail>, ProblemHttpResult, ValidationProblem>> GetAsync(
        string? key,
        string? bucket,
        RecordQueries records,
        IOptions<ResourceOptions> resources,
        IOptions<ViewerOptions> options,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(key))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["key"] = ["The object key is required."] });
        }

        var inBucket = bucket ?? resources.Value.BucketName;
        var record = await records.GetAsync(inBucket, key, cancellationToken);
        return record is null
            ? TypedResults.Problem(
                title: "No such record",
                detail: $"No record for key '{key}' in bucket '{inBucket}'.",
                statusCode: StatusCodes.Status404NotFound,
                extensions: new Dictionary<string, object?> { ["key"] = key, ["bucket"] = inBucket })
            : TypedResults.Ok(new RecordDetail(record, options.Value.TraceUrl(record.TraceId)));
    }

    private static async Task Live(string? since, LiveRecordFeed feed, HttpContext context)
    {
        var errors = new Dictionary<string, string[]>();
        var from = QueryValues.Time(since, "since", errors);
        if (errors.Count > 0)
        {
            await TypedResults.ValidationProblem(errors).ExecuteAsync(context);
            return;
        }

        // Headers go out at once (not with the first record), so clients know the stream is open.
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache,no-store";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.Body.FlushAsync(context.RequestAborted);
        var events = feed.WatchAsync(from ?? DateTimeOffset.UtcNow, context.RequestAborted)
            .Select(record => new SseItem<RecordSummary>(RecordSummary.From(record), "record"));
        try
        {
            await SseFormatter.WriteAsync(events, response.Body, Write, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    private static void Write(SseItem<RecordSummary> item, IBufferWriter<byte> buffer)
    {
        using var writer = new Utf8JsonWriter(buffer);
        JsonSerializer.Serialize(writer, item.Data, ViewerJsonContext.Default.RecordSummary);
    }
}
