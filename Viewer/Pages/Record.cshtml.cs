using FilePipeline.FileRecords;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace FilePipeline.Viewer.Pages;

/// <summary>One record: every field, the preview, hashes, the processing timeline and the trace link.</summary>
public sealed class RecordModel(RecordQueries records, IOptions<ResourceOptions> resources, IOptions<ViewerOptions> options) : PageModel
{
    public FileRecord? Record { get; private set; }

    public string? TraceUrl { get; private set; }

    public string Key { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string? bucket, string? key, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(key))
        {
            return BadRequest("The object key is required.");
        }

        Key = key;
        Record = await records.GetAsync(bucket ?? resources.Value.BucketName, key, cancellationToken);
        if (Record is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        TraceUrl = options.Value.TraceUrl(Record.TraceId);
        return Page();
    }
}
