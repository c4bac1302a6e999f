using System.Reflection;

namespace FilePipeline.AppHost.Orchestration;

/// <summary>
/// Where the processor and viewer assemblies are. The build records each service project's output path in
/// this assembly (AppHost.csproj, target <c>RecordServicePaths</c>), so it works for <c>dotnet run</c> and
/// for any configuration the tests build in. <c>FILEPIPELINE_&lt;NAME&gt;_DLL</c> overrides a path.
/// </summary>
public static class ServiceBinaries
{
    public const string Processor = "FilePipeline.Processor";
    public const string Viewer = "FilePipeline.Viewer";

    public static string PathOf(string assemblyName)
    {
        var overrideName = $"FILEPIPELINE_{assemblyName["FilePipeline.".Length..].ToUpperInvariant()}_DLL";
        if (Environment.GetEnvironmentVariable(overrideName) is { Length: > 0 } overridden)
        {
            return overridden;
        }

        var recorded = typeof(ServiceBinaries).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "ServicePath:" + assemblyName)?.Value
            ?? throw new InvalidOperationException($"The build did not record where {assemblyName} is.");
        return File.Exists(recorded)
            ? recorded
            : throw new FileNotFoundException(
                $"{assemblyName} is not built at {recorded}. Build the solution (dotnet build Aspire.sln) or set {overrideName}.",
                recorded);
    }
}
