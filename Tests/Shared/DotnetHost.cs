namespace FilePipeline.Testing;

/// <summary>The <c>dotnet</c> executable running the tests, for starting the product's own apps as processes.</summary>
public static class DotnetHost
{
    public static string Path { get; } =
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : Environment.ProcessPath is { } process && System.IO.Path.GetFileNameWithoutExtension(process) == "dotnet"
                ? process
                : "dotnet";
}
