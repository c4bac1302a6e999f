using FilePipeline.Viewer.Pipeline;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FilePipeline.Viewer.Pages;

/// <summary>The pipeline's health: queue figures, throughput chart, records by status.</summary>
public sealed class PipelineModel(PipelineMonitor monitor) : PageModel
{
    public PipelineStatus? Status { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Status = await monitor.GetStatusAsync(cancellationToken);
}
