using System.Reflection;

namespace FilePipeline.AppHost.Launch;

/// <summary>
/// Starts a project resource as <c>dotnet &lt;its built assembly&gt;</c>, where Aspire would start it as
/// <c>dotnet run --project … --no-build</c>: that evaluates the project with MSBuild again before it starts anything,
/// about a second per service, three at once on two cores (docs/apphost.md, "Start-up time"). It stays a project
/// resource: Aspire still gives it its endpoints, its environment and its launch profile's settings, and its working
/// directory is the project's, as under <c>dotnet run</c>.
/// </summary>
/// <remarks>
/// Building the AppHost builds its project references and records where each one's assembly is
/// (AppHost.csproj, target <c>RecordServiceAssemblies</c>). A project with no recorded assembly on disk starts the way
/// Aspire starts it.
/// </remarks>
internal static class BuildOutputLaunch
{
    private const string MetadataPrefix = "ServiceAssembly:";

    public static IResourceBuilder<ProjectResource> WithBuildOutputLaunch(this IResourceBuilder<ProjectResource> builder)
    {
        var project = builder.Resource.GetProjectMetadata().ProjectPath;
        if (AssemblyOf(project) is not { } assembly)
        {
            return builder;
        }

        return builder
            .WithAnnotation(new ExecutableAnnotation { Command = "dotnet", WorkingDirectory = Path.GetDirectoryName(project)! })
            .WithArgs(assembly);
    }

    /// <summary>The built assembly of <paramref name="project"/>, as the AppHost's build recorded it, if it exists.</summary>
    private static string? AssemblyOf(string project)
    {
        var key = MetadataPrefix + Path.GetFullPath(project);
        return typeof(BuildOutputLaunch).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Where(attribute => attribute.Key == key)
            .Select(attribute => attribute.Value)
            .LastOrDefault(File.Exists);
    }
}
