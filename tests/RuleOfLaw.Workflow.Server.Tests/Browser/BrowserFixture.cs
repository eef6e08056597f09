using Microsoft.Playwright;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Demo;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Browser;

/// <summary>
/// One headless Chromium for a test class: Debian's <c>chromium-headless-shell</c> (installed by <c>test.sh</c>), the
/// same Blink as the browser without its window layer, which Playwright itself uses for headless runs, driven by
/// Playwright without its own browser download. It took 40 % less CPU than the full <c>chromium</c> for the same
/// browser tests (issue 17 item 8). <c>ROLW_CHROMIUM</c> points at another executable (e.g. <c>/usr/bin/chromium</c>).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string DefaultExecutable = "/usr/bin/chromium-headless-shell";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("ROLW_CHROMIUM") ?? DefaultExecutable;
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Chromium not found at {executable}: run the tests with ./test.sh (it installs Debian's chromium-headless-shell) or set ROLW_CHROMIUM.");
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

    /// <summary>
    /// How long a browser step may wait. Generous: the whole suite runs test classes in parallel on two cores, and a
    /// page that renders in 50 ms alone can take seconds then; a wrong page still fails, at its selector.
    /// </summary>
    public const float StepTimeoutMs = 120_000;

    /// <summary>A real server on a real port (Kestrel on 127.0.0.1; a browser cannot reach the in-memory test server).</summary>
    public static Task<ServerFactory> StartServerAsync() =>
        ServerFactory.StartAsync(DatabaseProvider.Sqlite, configure: factory => factory.UseKestrel(0));

    /// <summary>A fresh browser context (own cookies) on <paramref name="server"/>, Chinese locale, desktop size unless given (390 × 844: a phone).</summary>
    public async Task<IPage> NewPageAsync(ServerFactory server, int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.Options(handleCookies: false).BaseAddress.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
        });
        context.SetDefaultTimeout(StepTimeoutMs);
        context.SetDefaultNavigationTimeout(StepTimeoutMs);
        return await context.NewPageAsync();
    }

    /// <summary>A page signed in as <paramref name="user"/> through the sign-in form, on the workbench.</summary>
    public async Task<IPage> SignedInPageAsync(ServerFactory server, string user)
    {
        var page = await NewPageAsync(server);
        await page.GotoAsync("/account/login");
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", DemoData.Password);
        await page.ClickAsync("main form button[type=submit]");
        await ArrivedAsync(page, path => path == "/");
        return page;
    }

    /// <summary>
    /// Waits until the page's address has a path that <paramref name="path"/> accepts. Not Playwright's
    /// <c>WaitForURLAsync</c>: when the address already matches it then waits for the <c>load</c> event, and it checks
    /// for the event before subscribing to it, so it can miss one that arrives in between and wait out its whole timeout
    /// on a page that has long loaded (playwright-dotnet issue 3364; it failed CI once, after the sign-in, at 120 s).
    /// The address is read from the page until it matches; the steps after this auto-wait for their elements.
    /// </summary>
    public static async Task ArrivedAsync(IPage page, Func<string, bool> path)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(StepTimeoutMs);
        while (!path(new Uri(page.Url).AbsolutePath))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The page stayed at {page.Url} for {StepTimeoutMs / 1000} s; the expected address never came.");
            }
            await Task.Delay(20);
        }
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory(), name + ".png"), FullPage = true });
}
