using FilePipeline.Provisioning;

namespace FilePipeline.AppHost.Orchestration;

/// <summary>What <c>dotnet run --project AppHost</c> was asked to do.</summary>
public sealed record RunOptions(
    int Processors, string? Endpoint, string StackName, TimeSpan ReadyTimeout, bool ExitWhenReady,
    RoutingMode Routing = RoutingMode.Direct, string? DashboardUrl = null);
