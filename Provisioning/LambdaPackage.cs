using System.Diagnostics;
using System.IO.Compression;

namespace FilePipeline.Provisioning;

/// <summary>
/// Builds the processor's Lambda package: a zip whose <c>bootstrap</c> entry is the self-contained executable
/// (mode 0755), as the <c>provided.al2023</c> runtime expects.
/// <para>
/// The publish route is the repository's own <c>scripts/publish-lambda.sh [outdir]</c> (it settles the AOT /
/// trimmed ReadyToRun choice and leaves <c>bootstrap</c> and a zip in <c>outdir</c>) for x86_64 when the script
/// exists; otherwise, and for arm64, a plain <c>dotnet publish</c> of <c>Processor/Processor.csproj</c>,
/// self-contained for linux, zipped here.
/// </para>
/// </summary>
public static class LambdaPackage
{
    /// <summary>The publish script, relative to the repository root.</summary>
    public const string ScriptPath = "scripts/publish-lambda.sh";

    /// <summary>The processor project, relative to the repository root (the fallback route).</summary>
    public const string ProjectPath = "Processor/Processor.csproj";

    /// <summary>Builds the package of the repository at <paramref name="repositoryRoot"/> into <paramref name="zipPath"/>.</summary>
    public static async Task BuildAsync(string repositoryRoot, string architecture, string zipPath, TextWriter log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(log);
        var runtime = RuntimeFor(architecture);
        var outDir = Path.Combine(Path.GetTempPath(), $"filepipeline-publish-{Guid.NewGuid():N}");
        Directory.CreateDirectory(outDir);
        try
        {
            var script = Path.Combine(repositoryRoot, ScriptPath);
            if (File.Exists(script) && runtime == "linux-x64")
            {
                await RunAsync("bash", [script, outDir], repositoryRoot, log, ct);
                PackageScriptOutput(outDir, zipPath);
                return;
            }

            await log.WriteLineAsync(File.Exists(script)
                ? $"{ScriptPath} publishes for x86_64 only: publishing for {architecture} with dotnet publish"
                : $"{ScriptPath} not found: publishing with dotnet publish");
            var project = Path.Combine(repositoryRoot, ProjectPath);
            await RunAsync("dotnet",
                ["publish", project, "-c", "Release", "-r", runtime, "--self-contained", "true", "-o", outDir, "-nologo"],
                repositoryRoot, log, ct);
            var executable = Path.Combine(outDir, "FilePipeline.Processor");
            if (!File.Exists(executable))
            {
                throw new InvalidOperationException($"dotnet publish produced no executable {executable}.");
            }

            Zip(outDir, executable, zipPath);
        }
        finally
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    /// <summary>
    /// Takes what the script left in <paramref name="outDir"/>: its zip when it made exactly one (it must hold
    /// <c>bootstrap</c>), else a zip of the folder with <c>bootstrap</c> as the executable.
    /// </summary>
    public static void PackageScriptOutput(string outDir, string zipPath)
    {
        var zips = Directory.GetFiles(outDir, "*.zip", SearchOption.TopDirectoryOnly);
        if (zips.Length == 1)
        {
            using (var zip = ZipFile.OpenRead(zips[0]))
            {
                if (zip.GetEntry("bootstrap") is null)
                {
                    throw new InvalidOperationException($"{ScriptPath} made {Path.GetFileName(zips[0])} without a bootstrap entry.");
                }
            }

            File.Copy(zips[0], zipPath, overwrite: true);
            return;
        }

        var bootstrap = Path.Combine(outDir, "bootstrap");
        if (!File.Exists(bootstrap))
        {
            throw new InvalidOperationException($"{ScriptPath} left neither one zip nor a bootstrap in {outDir}.");
        }

        Zip(outDir, bootstrap, zipPath);
    }

    /// <summary>Zips a publish folder, the executable stored as <c>bootstrap</c> with mode 0755 (zips and symbols left out).</summary>
    public static void Zip(string publishDir, string executable, string zipPath)
    {
        if (File.Exists(zipPath))
        {
            File.Delete(zipPath);
        }

        using var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create);
        foreach (var file in Directory.EnumerateFiles(publishDir, "*", SearchOption.AllDirectories))
        {
            if (file.EndsWith(".pdb", StringComparison.Ordinal) || file.EndsWith(".dbg", StringComparison.Ordinal)
                || file.EndsWith(".zip", StringComparison.Ordinal) || Path.GetFullPath(file) == Path.GetFullPath(zipPath))
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

    /// <summary>The repository holding this build: the first folder upwards from <paramref name="start"/> with Aspire.sln.</summary>
    public static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Aspire.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static string RuntimeFor(string architecture) => architecture switch
    {
        "x86_64" => "linux-x64",
        "arm64" => "linux-arm64",
        _ => throw new ArgumentException($"Unknown architecture '{architecture}' (x86_64 or arm64).", nameof(architecture)),
    };

    /// <summary>Runs a build step with its output going straight to the console; fails with its exit code.</summary>
    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments, string workingDirectory, TextWriter log, CancellationToken ct)
    {
        await log.WriteLineAsync($"{fileName} {string.Join(' ', arguments)}");
        var start = new ProcessStartInfo(fileName, arguments) { WorkingDirectory = workingDirectory, UseShellExecute = false };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} failed with exit code {process.ExitCode} (its output is above).");
        }
    }
}
