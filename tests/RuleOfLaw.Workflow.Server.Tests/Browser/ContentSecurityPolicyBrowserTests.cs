using Microsoft.Playwright;
using RuleOfLaw.Workflow.Server.Demo;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.Participation;

namespace RuleOfLaw.Workflow.Server.Tests.Browser;

/// <summary>
/// The pages work under the Content-Security-Policy (issue 16 item 5): Chromium loads the main pages of the public,
/// the officials and the operator, and any violation it reports (the securitypolicyviolation event, recorded from
/// before the page's own scripts run, and the console) fails the test. The last step breaks the policy on purpose,
/// so the test shows it would see a violation.
/// </summary>
public sealed class ContentSecurityPolicyBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Recorder =
        "window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile + ':' + e.lineNumber));";

    [Fact]
    public async Task The_main_pages_load_without_a_policy_violation()
    {
        await using var server = await BrowserFixture.StartServerAsync();
        using var driver = new ProcedureDriver(server);
        var consulting = await ParticipationApi.AtParticipationAsync(driver);
        var consultation = await ParticipationApi.PublishAsync(driver, consulting.Id);
        var task = await driver.OpenTaskAsync(consulting.Id, "public-participation");

        var violations = new List<string>();
        var visited = new List<string>();
        async Task VisitAsync(IPage page, IEnumerable<string> urls)
        {
            foreach (var url in urls)
            {
                var response = await page.GotoAsync(url);
                Assert.True(response?.Ok == true, $"{url}: {response?.Status}");
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                violations.AddRange((await page.EvaluateAsync<string[]>("window.__csp")).Select(v => $"{url}: {v}"));
                visited.Add(url);
            }
        }

        var citizen = await NewRecordingPageAsync(server, violations);
        await VisitAsync(citizen, ["/public", "/public/consultations", $"/public/consultations/{consultation.Id}", "/public/decisions", "/account/login"]);

        var drafter = await NewRecordingPageAsync(server, violations);
        await SignInAsync(drafter, "drafter");
        await VisitAsync(drafter, ["/", "/matters", "/matters/new", $"/matters/{consulting.Id}", $"/matters/{consulting.Id}/documents", $"/tasks/{task.Id}",
            $"/participation/{task.Id}/hearings", $"/matters/{consulting.Id}/adjustment"]);

        // The operator's pages, Swagger UI and the jobs dashboard (third-party pages under their own policy).
        var admin = await NewRecordingPageAsync(server, violations);
        await SignInAsync(admin, "admin");
        await VisitAsync(admin, ["/admin/calendars", "/swagger/index.html", "/admin/jobs"]);
        await admin.WaitForSelectorAsync("#swagger-ui, .navbar, body");

        Assert.True(violations.Count == 0, "Content-Security-Policy violations:" + Environment.NewLine + string.Join(Environment.NewLine, violations));
        Assert.Equal(16, visited.Count);

        // The detector works: an inline script added to a page is refused and reported.
        await admin.GotoAsync("/public");
        await admin.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.__ran = true'; document.body.appendChild(s); }");
        await admin.WaitForFunctionAsync("window.__csp.length > 0");
        Assert.False(await admin.EvaluateAsync<bool>("window.__ran === true"));
        Assert.StartsWith("script-src", (await admin.EvaluateAsync<string[]>("window.__csp"))[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_normative_officials_pages_load_without_a_policy_violation()
    {
        await using var server = await BrowserFixture.StartServerAsync();
        using var driver = new ProcedureDriver(server);
        var pages = await NormativeOfficialsStates.PrepareAsync(driver);

        var violations = new List<string>();
        var visited = 0;
        foreach (var (user, urls) in new[] { ("drafter", pages.Drafter), ("drafthead", pages.Head), ("reviewer", pages.Reviewer), ("admin", pages.Admin) })
        {
            var page = await NewRecordingPageAsync(server, violations);
            await SignInAsync(page, user);
            foreach (var url in urls)
            {
                var response = await page.GotoAsync(url);
                Assert.True(response?.Ok == true, $"{url}: {response?.Status}");
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                violations.AddRange((await page.EvaluateAsync<string[]>("window.__csp")).Select(v => $"{url}: {v}"));
                visited++;
            }
        }

        Assert.True(violations.Count == 0, "Content-Security-Policy violations:" + Environment.NewLine + string.Join(Environment.NewLine, violations));
        Assert.Equal(19, visited);
    }

    private async Task<IPage> NewRecordingPageAsync(ServerFactory server, List<string> violations)
    {
        var page = await fixture.NewPageAsync(server);
        await page.AddInitScriptAsync(Recorder);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                lock (violations)
                {
                    violations.Add($"{page.Url}: console: {message.Text}");
                }
            }
        };
        return page;
    }

    private static async Task SignInAsync(IPage page, string user)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", DemoData.Password);
        await page.ClickAsync("main form button[type=submit]");
        await BrowserFixture.ArrivedAsync(page, path => path == "/");
    }
}
