using System.Text;
using FilePipeline.Viewer.Records;
using FilePipeline.Viewer.Uploads;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace FilePipeline.Viewer.Api;

/// <summary>
/// Browser uploads (<c>POST /api/uploads</c>, multipart, one or more <c>files</c> and an optional key <c>prefix</c>)
/// and the antiforgery token they need. Every file is checked before any is stored: one file over the limit
/// refuses the whole request with a 413 that names it.
/// </summary>
public static class UploadsApi
{
    /// <summary>S3's longest key, in UTF-8 bytes.</summary>
    public const int MaxKeyBytes = 1024;

    // Room for multipart boundaries and headers around the largest allowed file.
    private const long MultipartOverhead = 1024 * 1024;

    public static IEndpointRouteBuilder MapUploadsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Uploads");
        api.MapGet("/antiforgery", Token)
            .WithName("GetAntiforgeryToken")
            .WithSummary("A token for POST requests: send it in the header this returns.");
        api.MapPost("/uploads", UploadAsync)
            .WithName("Upload")
            .WithSummary("Stores the files (multipart field 'files', optional 'prefix') in the bucket, each with a traceparent.")
            .Accepts<IFormFileCollection>("multipart/form-data")
            .Produces<UploadResult[]>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .DisableAntiforgery(); // validated explicitly below, with a clear error
        return app;
    }

    /// <summary>The request size the server accepts for an upload of at most <paramref name="maxUploadBytes"/>.</summary>
    public static long MaxRequestBytes(long maxUploadBytes) => maxUploadBytes + MultipartOverhead;

    private static AntiforgeryToken Token(IAntiforgery antiforgery, HttpContext context)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return new AntiforgeryToken(tokens.HeaderName ?? "RequestVerificationToken", tokens.RequestToken ?? "");
    }

    private static async Task<IResult> UploadAsync(
        HttpContext context,
        IAntiforgery antiforgery,
        BrowserUploads uploads,
        IOptions<ViewerOptions> options,
        CancellationToken cancellationToken)
    {
        var request = context.Request;
        var limit = options.Value.MaxUploadBytes;
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Problem(StatusCodes.Status400BadRequest, "Missing or invalid antiforgery token",
                "Reload the page and try again (API clients: GET /api/antiforgery and send the token in its header).");
        }

        if (request.ContentLength > MaxRequestBytes(limit))
        {
            return TooLarge($"The upload is {Display.Size(request.ContentLength)}; the limit is {Display.Size(limit)} per file.");
        }

        if (!request.HasFormContentType)
        {
            return Problem(StatusCodes.Status400BadRequest, "Not a file upload", "Send multipart/form-data with one or more 'files'.");
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            return TooLarge($"The upload is larger than the limit of {Display.Size(limit)} per file.");
        }

        var prefix = form["prefix"].ToString();
        if (form.Files.Count == 0)
        {
            return Problem(StatusCodes.Status400BadRequest, "No files", "Choose or drop at least one file.");
        }

        foreach (var file in form.Files)
        {
            if (file.Length > limit)
            {
                return TooLarge($"'{file.FileName}' is {Display.Size(file.Length)}; the limit is {Display.Size(limit)} per file.");
            }

            var key = prefix + file.FileName;
            if (string.IsNullOrEmpty(file.FileName) || Encoding.UTF8.GetByteCount(key) > MaxKeyBytes)
            {
                return Problem(StatusCodes.Status400BadRequest, "Invalid object key",
                    $"The key must be 1 to {MaxKeyBytes} bytes of UTF-8 (prefix + file name).");
            }
        }

        var results = new List<UploadResult>(form.Files.Count);
        foreach (var file in form.Files)
        {
            await using var content = file.OpenReadStream();
            results.Add(await uploads.StoreAsync(prefix + file.FileName, content, file.Length, file.ContentType, cancellationToken));
        }

        return TypedResults.Ok(results.ToArray());
    }

    private static IResult TooLarge(string detail) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "File too large", detail);

    private static IResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status);
}
