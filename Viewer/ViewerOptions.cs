namespace FilePipeline.Viewer;

/// <summary>The viewer's own settings (<c>Viewer:*</c>, env <c>Viewer__*</c>).</summary>
public sealed class ViewerOptions
{
    public const string Section = "Viewer";

    public const string TraceIdPlaceholder = "{traceId}";

    /// <summary>Where a trace id links to, with a <c>{traceId}</c> placeholder, e.g. an Aspire dashboard's trace page.</summary>
    public string? DashboardUrl { get; set; }

    /// <summary>
    /// A shared secret every request must carry (cookie, <c>Authorization: Bearer</c>, or <c>?access_token=</c> once).
    /// Required before the viewer listens on anything but loopback.
    /// </summary>
    public string? AccessToken { get; set; }

    /// <summary>Largest file the browser may upload.</summary>
    public long MaxUploadBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Records per page in the list.</summary>
    public int PageSize { get; set; } = 50;

    /// <summary>How often the live feed looks for new records.</summary>
    public TimeSpan LivePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The trace link for <paramref name="traceId"/>, or null when no dashboard is configured.</summary>
    public string? TraceUrl(string? traceId) =>
        string.IsNullOrEmpty(DashboardUrl) || string.IsNullOrEmpty(traceId)
            ? null
            : DashboardUrl.Replace(TraceIdPlaceholder, Uri.EscapeDataString(traceId), StringComparison.Ordinal);
}
