using FilePipeline.FileRecords;
using FilePipeline.Viewer.Records;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace FilePipeline.Viewer.Pages;

/// <summary>The records list: newest first, filtered, paginated, with the upload panel and live updates.</summary>
public sealed class IndexModel(RecordQueries records, IOptions<ResourceOptions> resources, IOptions<ViewerOptions> options) : PageModel
{
    public RecordListQuery Query { get; private set; } = new(null, null, null, null, null, null, null);

    public RecordPage Results { get; private set; } = new([], null);

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public string Bucket => resources.Value.BucketName;

    public long MaxUploadBytes => options.Value.MaxUploadBytes;

    public DateTimeOffset Now { get; } = DateTimeOffset.UtcNow;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Query = RecordListQuery.FromRequest(Request);
        var (filter, errors) = Query.ToFilter();
        Errors = errors;
        if (filter is null)
        {
            return;
        }

        try
        {
            Results = await records.NewestAsync(Bucket, filter, options.Value.PageSize, Query.PageToken, cancellationToken);
        }
        catch (FormatException e)
        {
            Errors = new Dictionary<string, string[]> { ["pageToken"] = [e.Message] };
        }
    }
}
