using System.Diagnostics;
using System.IO.Compression;

namespace FilePipeline.Provisioning;

/// <summary>
/// Builds the processor's Lambda package: <c>dotnet publish</c> self-contained for linux, then a zip whose
/// <c>bootstrap</c> entry is the published executable (mode 0755), as the <c>provided.al2023</c> runtime expects.
/// </summary>
public static class LambdaPackage
{
    /// <summary>Publishes <paramref name="project"/> for the architecture and zips it to <paramref name="zipPath"/>.</summary>
    public static async Task BuildAsync(
        string project, string architecture, string zipPath, IReadOnlyList<string> extraPublishArguments, TextWriter log, CancellationToken ct)
    {
        var runtime = architecture switch
        {
            "x86_64" => "linux-x64",
            "arm64" => "linux-arm64",
            _ => throw new ArgumentException($"Unknown architecture '{architecture}' (x86_64 or arm64).", nameof(architecture)),
        };
        var publishDir = Path.Combine(Path.GetTempPath(), $"filepipeline-publish-{Guid.NewGuid():N}");
        try
        {
            List<string> arguments = ["publish", project, "-c", "Release", "-r", runtime, "--self-contained", "true", "-o", publishDir, "-nologo", .. extraPublishArguments];
            await log.WriteLineAsync($"dotnet {string.Join(' ', arguments)}");
            var start = new ProcessStartInfo("dotnet", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
            }

            var executable = Path.Combine(publishDir, ExecutableName(project));
            if (!File.Exists(executable))
            {
                throw new InvalidOperationException($"dotnet publish produced no executable {executable}.");
            }

            Zip(publishDir, executable, zipPath);
        }
        finally
        {
            if (Directory.Exists(publishDir))
            {
                Directory.Delete(publishDir, recursive: true);
            }
        }
    }

    /// <summary>Zips a publish folder, the executable stored as <c>bootstrap</c> with mode 0755.</summary>
    public static void Zip(string publishDir, string executable, string zipPath)
    {
        if (File.Exists(zipPath))
        {
            File.Delete(zipPath);
        }

        using var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create);
        foreach (var file in Directory.EnumerateFiles(publishDir, "*", SearchOption.AllDirectories))
        {
            if (file.EndsWith(".pdb", StringComparison.Ordinal) || file.EndsWith(".dbg", StringComparison.Ordinal))
            {
                continue;
            }

            var isBootstrap = Path.GetFullPath(file) == Path.GetFullPath(executable);
            var name = isBootstrap ? "bootstrap" : Path.GetRelativePath(publishDir, file).Replace('\\', '/');
            var entry = zip.CreateEntryFromFile(file, name, CompressionLevel.Optimal);
            // Unix mode in the high 16 bits: a regular file, rwxr-xr-x for bootstrap, rw-r--r-- otherwise.
            entry.ExternalAttributes = (isBootstrap ? 0x81ED : 0x81A4) << 16;
        }
    }

    private static string ExecutableName(string project)
    {
        // The repository's convention: AssemblyName = FilePipeline.<project folder name>.
        var name = Path.GetFileNameWithoutExtension(project);
        return name.StartsWith("FilePipeline.", StringComparison.Ordinal) ? name : $"FilePipeline.{name}";
    }
}
