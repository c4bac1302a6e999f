namespace FilePipeline.Telemetry;

/// <summary>Names every FilePipeline service and the hosts it runs in agree on.</summary>
public static class PipelineTelemetry
{
    /// <summary>Every <c>ActivitySource</c> and <c>Meter</c> named <c>FilePipeline.*</c> is exported.</summary>
    public const string SourceWildcard = "FilePipeline.*";

    /// <summary>Activity sources the .NET runtime and ASP.NET Core emit natively (no instrumentation package needed).</summary>
    public static readonly IReadOnlyList<string> FrameworkActivitySources = ["Microsoft.AspNetCore", "System.Net.Http"];

    /// <summary>Meters the .NET runtime, ASP.NET Core and Kestrel emit natively.</summary>
    public static readonly IReadOnlyList<string> FrameworkMeters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Diagnostics",
        "System.Net.Http",
        "System.Net.NameResolution",
        "System.Runtime",
    ];
}
