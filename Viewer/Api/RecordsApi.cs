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
            .WithName("ListRecords")
            .WithSummary("Records newest first, filtered by status, detected type (prefix), key prefix, key substring (q) and processing date range.");
        api.MapGet("/records/by-key", ByKeyPrefixAsync)
            .WithName("ListRecordsByKeyPrefix")
            .WithSummary("Records whose key starts with a prefix, in key order.");
        api.MapGet("/record", GetAsync)
            .WithName("GetRecord")
            .WithSummary("Every field of one record, by key.");
        api.MapGet("/records/live", Live)
            .Produces<RecordSummary>(StatusCodes.Status200OK, "text/event-stream")
            .WithName("LiveRecords")
            .WithSummary("Server-sent events: one 'record' event per record processed at or after 'since' (default: now).");
        return app;
    }

    private static async Task<Results<Ok<RecordList>, ValidationProblem>> ListAsync(
        [AsParameters] RecordListQuery query,
        int? limit,
        RecordQueries records,
        IOptions<ResourceOptions> resources,
        IOptions<ViewerOptions> options,
        CancellationToken cancellationToken)
    {
        var (filter, errors) = query.ToFilter();
        if (filter is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        try
        {
            var page = await records.NewestAsync(
                resources.Value.BucketName, filter, limit ?? options.Value.PageSize, query.PageToken, cancellationToken);
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
        int? limit,
        RecordQueries records,
        IOptions<ResourceOptions> resources,
        IOptions<ViewerOptions> options,
        CancellationToken cancellationToken)
    {
        try
        {
            var page = await records.ByKeyPrefixAsync(
                resources.Value.BucketName, prefix ?? "", limit ?? options.Value.PageSize, pageToken, cancellationToken);
            return TypedResults.Ok(new RecordList([.. page.Records.Select(RecordSummary.From)], page.NextPageToken));
        }
        catch (FormatException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["pageToken"] = [e.Message] });
        }
    }

    private static async Task<Results<Ok<RecordDetail>, NotFound<string>, ValidationProblem>> GetAsync(
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

        var record = await records.GetAsync(bucket ?? resources.Value.BucketName, key, cancellationToken);
        return record is null
            ? TypedResults.NotFound($"No record for key '{key}'.")
            : TypedResults.Ok(new RecordDetail(record, options.Value.TraceUrl(record.TraceId)));
    }

    private static async Task Live(DateTimeOffset? since, LiveRecordFeed feed, HttpContext context)
    {
        // Headers go out at once (not with the first record), so clients know the stream is open.
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache,no-store";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.Body.FlushAsync(context.RequestAborted);
        var events = feed.WatchAsync(since ?? DateTimeOffset.UtcNow, context.RequestAborted)
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
