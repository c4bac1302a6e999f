using Microsoft.Playwright;
using FilePipeline.Tests.Emulator;

namespace FilePipeline.Tests.Viewer;

/// <summary>
/// The real viewer on the emulator (with queues) plus Debian's chromium driven by Playwright: headless, no sandbox,
/// no network beyond loopback, never a downloaded browser. Screenshots go to <c>TestResults/screenshots</c>.
/// </summary>
public sealed class BrowserStack(MotoFixture moto) : ViewerQueueStack(moto)
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The upload limit this stack's viewer runs with (small, so the limit can be shown in the browser).</summary>
    public const long MaxUploadBytes = 64 * 1024;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Not initialized.");

    public static string ScreenshotDirectory { get; } = FindScreenshotDirectory();

    protected override IReadOnlyDictionary<string, string> Settings =>
        new Dictionary<string, string>(base.Settings) { ["Viewer__MaxUploadBytes"] = MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    public override async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: apt-get install -y chromium (scripts/prerequisites.sh does).");
        }

        await base.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Timeout = 30_000,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>A fresh browser context (own cookies) and page, with short default timeouts.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Url.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// A full-page screenshot, kept twice: as an attachment of the running test (the test adapter writes it into the
    /// test results directory, <c>--results-directory</c>, and links it from the .trx) and as
    /// <c>TestResults/screenshots/viewer-{name}.png</c> at the repository root, where <c>scripts/test.sh</c> keeps its results.
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var file = $"viewer-{name}.png";
        var png = await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, file), FullPage = true });
        TestContext.Current.AddAttachment($"viewer-{name}", png, "image/png"); // the adapter adds ".png"
    }

    public override async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        await base.DisposeAsync();
    }

    private static string FindScreenshotDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Aspire.sln")))
            {
                return Path.Combine(directory.FullName, "TestResults", "screenshots");
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "screenshots");
    }
}
