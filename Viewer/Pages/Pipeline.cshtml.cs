using Amazon.Runtime;
using FilePipeline.Viewer.Api;
using FilePipeline.Viewer.Pipeline;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace FilePipeline.Viewer.Pages;

/// <summary>The pipeline's health: queue figures, throughput chart, records by status, dead letters, redrive and reconcile.</summary>
public sealed class PipelineModel(
    PipelineMonitor monitor, QueueMonitor queues, RecordReconciler reconciler, IOptions<ResourceOptions> resources) : PageModel
{
    public string Bucket => resources.Value.BucketName;

    public PipelineStatus? Status { get; private set; }

    public IReadOnlyList<DeadLetter> DeadLetters { get; private set; } = [];

    public string? DeadLetterError { get; private set; }

    [TempData]
    public string? Outcome { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Status = await monitor.GetStatusAsync(cancellationToken);
        if (Status.Queues is not null)
        {
            try
            {
                DeadLetters = await queues.PeekDeadLettersAsync(PipelineApi.DeadLettersShown, cancellationToken);
            }
            catch (AmazonServiceException e)
            {
                DeadLetterError = $"The dead-letter queue could not be read: {e.Message}";
            }
        }
    }

    /// <summary>The redrive form (antiforgery-checked by Razor Pages); redirects back so a reload does not repeat it.</summary>
    public async Task<IActionResult> OnPostRedriveAsync(CancellationToken cancellationToken)
    {
        try
        {
            Outcome = (await queues.RedriveAsync(cancellationToken)).Message;
        }
        catch (Exception e) when (e is AmazonServiceException or InvalidOperationException)
        {
            Outcome = $"Redrive failed: {e.Message}";
        }

        return RedirectToPage();
    }

    /// <summary>The reconcile form (antiforgery-checked by Razor Pages); redirects back so a reload does not repeat it.</summary>
    public async Task<IActionResult> OnPostReconcileAsync(CancellationToken cancellationToken)
    {
        try
        {
            Outcome = (await reconciler.RunAsync(null, cancellationToken)).Message;
        }
        catch (Exception e) when (e is AmazonServiceException or InvalidOperationException)
        {
            Outcome = $"Reconcile failed: {e.Message}";
        }

        return RedirectToPage();
    }
}
