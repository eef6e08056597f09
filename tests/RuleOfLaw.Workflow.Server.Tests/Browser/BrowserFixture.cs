using Microsoft.Playwright;

namespace RuleOfLaw.Workflow.Server.Tests.Browser;

/// <summary>
/// One headless Chromium for a test class: Debian's <c>chromium</c> (installed by <c>test.sh</c>), driven by Playwright
/// without its own browser download. <c>ROLW_CHROMIUM</c> points at another executable.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string DefaultExecutable = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("ROLW_CHROMIUM") ?? DefaultExecutable;
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Chromium not found at {executable}: run the tests with ./test.sh (it installs Debian's chromium) or set ROLW_CHROMIUM.");
        }
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
    }

    /// <summary>
    /// Where screenshots go: <c>ROLW_SCREENSHOTS</c>, else <c>artifacts/test-results/screenshots</c> at the repository
    /// root (the directory <c>test.sh</c> gives <c>dotnet test</c> for its results).
    /// </summary>
    public static string ScreenshotDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("ROLW_SCREENSHOTS");
        if (!string.IsNullOrEmpty(configured))
        {
            return Directory.CreateDirectory(configured).FullName;
        }
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "RuleOfLaw.Workflow.sln")))
        {
            directory = directory.Parent;
        }
        var root = directory?.FullName ?? AppContext.BaseDirectory;
        return Directory.CreateDirectory(Path.Combine(root, "artifacts", "test-results", "screenshots")).FullName;
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory(), name + ".png"), FullPage = true });
}
