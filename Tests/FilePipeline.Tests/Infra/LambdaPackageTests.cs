using System.IO.Compression;
using FilePipeline.Provisioning;

namespace FilePipeline.Tests.Infra;

/// <summary>
/// How deploy builds the package: through the repository's <c>scripts/publish-lambda.sh [outdir]</c> when it is
/// there (run for real here, with a stand-in script in a scratch repository: the real publish takes minutes).
/// </summary>
public sealed class LambdaPackageTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("fp-repo-").FullName;
    private readonly string _zip = Path.Combine(Path.GetTempPath(), $"fp-package-{Guid.NewGuid():N}.zip");

    [Fact]
    public async Task Deploy_takes_the_zip_the_publish_script_makes()
    {
        WriteScript("""
            set -eu
            out="$1"
            printf '#!/bin/sh\necho from script\n' > "$out/bootstrap"
            chmod 755 "$out/bootstrap"
            (cd "$out" && python3 -c "import zipfile; z=zipfile.ZipFile('processor.zip','w'); z.write('bootstrap'); z.close()")
            """);

        await LambdaPackage.BuildAsync(_root, "x86_64", _zip, TextWriter.Null, TestContext.Current.CancellationToken);

        using var zip = ZipFile.OpenRead(_zip);
        using var reader = new StreamReader(Assert.Single(zip.Entries).Open());
        Assert.Equal("bootstrap", zip.Entries[0].FullName);
        Assert.Contains("from script", await reader.ReadToEndAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_script_that_leaves_only_bootstrap_is_zipped_with_mode_755()
    {
        WriteScript("""
            set -eu
            printf 'ELF' > "$1/bootstrap"
            printf 'data' > "$1/libextra.so"
            """);

        await LambdaPackage.BuildAsync(_root, "x86_64", _zip, TextWriter.Null, TestContext.Current.CancellationToken);

        using var zip = ZipFile.OpenRead(_zip);
        Assert.Equal(["bootstrap", "libextra.so"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        Assert.Equal(0x81ED, zip.GetEntry("bootstrap")!.ExternalAttributes >>> 16);
    }

    [Fact]
    public async Task A_failing_script_fails_the_build_with_its_exit_code()
    {
        WriteScript("echo 'publish broke' >&2; exit 7");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            LambdaPackage.BuildAsync(_root, "x86_64", _zip, TextWriter.Null, TestContext.Current.CancellationToken));

        Assert.Contains("exit code 7", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_zip));
    }

    [Fact]
    public void The_repository_root_is_found_from_a_folder_inside_it()
    {
        var inside = Directory.CreateDirectory(Path.Combine(_root, "a", "b")).FullName;
        File.WriteAllText(Path.Combine(_root, "Aspire.sln"), "");

        Assert.Equal(_root, LambdaPackage.FindRepositoryRoot(inside));
    }

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        File.Delete(_zip);
    }

    private void WriteScript(string body)
    {
        Directory.CreateDirectory(Path.Combine(_root, "scripts"));
        File.WriteAllText(Path.Combine(_root, LambdaPackage.ScriptPath), "#!/usr/bin/env bash\n" + body + "\n");
    }
}
