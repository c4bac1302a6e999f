using System.Net;
using FilePipeline.Tests.Emulator;

namespace FilePipeline.Tests.Viewer;

/// <summary>What the real viewer process says while it starts and serves pages and assets: only what a reader needs.</summary>
public sealed class ViewerLogTests(MotoFixture moto) : IDisposable
{
    // The viewer's home folder, empty: its first start on a fresh machine, whatever earlier viewers left in this one's
    // (ASP.NET Core keeps its data-protection keys, which the forms' antiforgery tokens need, in ~/.aspnet).
    private readonly string _home = Directory.CreateTempSubdirectory("viewer-home-").FullName;

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [Fact]
    public async Task Pages_assets_and_the_favicon_are_served_without_a_log_line_each()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var stack = new FirstStartStack(moto, _home);
        await stack.InitializeAsync();
        using var http = new HttpClient { BaseAddress = stack.Url, Timeout = TimeSpan.FromSeconds(30) };

        foreach (var path in new[] { "/", "/pipeline", "/assets/app.css", "/assets/app.js", "/assets/favicon.svg", "/favicon.ico", "/api/records" })
        {
            using var response = await http.GetAsync(path, ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode}");
        }

        using var favicon = await http.GetAsync("/favicon.ico", ct);
        Assert.Equal("image/svg+xml", favicon.Content.Headers.ContentType?.MediaType);
        var output = stack.Viewer.Output.Split('\n');
        Assert.Contains(output, line => line.Contains($"Viewer serving bucket {stack.Bucket} and table {stack.Table}", StringComparison.Ordinal));
        Assert.DoesNotContain(output, line => line.Contains("Request starting", StringComparison.Ordinal) || line.Contains("Request finished", StringComparison.Ordinal));
        Assert.DoesNotContain(output, line => line.Contains("Executing endpoint", StringComparison.Ordinal) || line.Contains("Sending file", StringComparison.Ordinal));
        Assert.DoesNotContain(output, line => line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("warn:", StringComparison.Ordinal));
        Assert.DoesNotContain(output, line => line.Contains("(null)", StringComparison.Ordinal));
        // It was a first start: serving the pipeline page's forms made the viewer's first key, and that said nothing above.
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(_home, ".aspnet", "DataProtection-Keys"), "key-*.xml"));
    }

    /// <summary>A viewer whose home folder is <paramref name="home"/>.</summary>
    private sealed class FirstStartStack(MotoFixture moto, string home) : ViewerStack(moto)
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings) { ["HOME"] = home };
    }
}
