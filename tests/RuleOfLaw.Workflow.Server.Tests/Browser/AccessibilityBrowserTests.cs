using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.Participation;

namespace RuleOfLaw.Workflow.Server.Tests.Browser;

/// <summary>
/// An automated accessibility check of the main pages: axe-core (Deque's engine, through Deque.AxeCore.Playwright)
/// with the WCAG 2.0/2.1 A and AA rules (labels, headings, contrast, names of controls, language, landmarks …) in the
/// real browser, on pages in the states people see them in. Any violation fails with the rule, the help and the elements.
/// </summary>
public sealed class AccessibilityBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly AxeRunOptions Wcag = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    [Fact]
    public async Task The_officials_pages_pass_the_WCAG_AA_rules()
    {
        await using var server = await BrowserFixture.StartServerAsync();
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync(new Dictionary<string, bool> { ["technical"] = true });
        var initiation = await driver.OpenTaskAsync(instance.Id, "initiation");

        var page = await fixture.SignedInPageAsync(server, "drafter");
        var violations = new List<string>();
        foreach (var url in new[]
                 {
                     "/", "/matters", "/matters/new", $"/matters/{instance.MatterId}", $"/matters/{instance.MatterId}/documents",
                     $"/initiation/{initiation.Id}", $"/tasks/{initiation.Id}",
                 })
        {
            violations.AddRange(await CheckAsync(page, url));
        }
        // A form with errors shown (the state a mistake leaves a person in) is checked too.
        await page.GotoAsync("/matters/new");
        await page.ClickAsync("main form button[type=submit]");
        await page.WaitForSelectorAsync("#Title-error");
        violations.AddRange(await CheckCurrentAsync(page));

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public async Task The_step_pages_of_participation_experts_legality_review_and_meetings_pass_the_WCAG_AA_rules()
    {
        await using var server = await BrowserFixture.StartServerAsync();
        using var driver = new ProcedureDriver(server);
        var consulting = await ParticipationApi.AtParticipationAsync(driver, new Dictionary<string, bool> { ["technical"] = true });
        var consultation = await ParticipationApi.PublishAsync(driver, consulting.Id);
        var participation = await driver.OpenTaskAsync(consulting.Id, "public-participation");
        var reviewed = await driver.StartNewAsync();
        foreach (var (step, outcome) in new[] { ("initiation", "draft-prepared"), ("public-participation", "opinions-heard"), ("opinion-consolidation", "draft-finalised"), ("legality-submission", "submitted") })
        {
            await driver.CompleteAsync(reviewed.Id, step, outcome);
        }
        var intake = await driver.OpenTaskAsync(reviewed.Id, "legality-intake");
        var meeting = await driver.CreateMeetingAsync();

        var violations = new List<string>();
        var drafter = await fixture.SignedInPageAsync(server, "drafter");
        foreach (var url in new[]
                 {
                     $"/participation/{participation.Id}", $"/participation/{participation.Id}/hearings", $"/matters/{consulting.Id}/experts",
                     $"/matters/{consulting.Id}/adjustment",
                 })
        {
            violations.AddRange(await CheckAsync(drafter, url));
        }
        var reviewer = await fixture.SignedInPageAsync(server, "reviewer");
        foreach (var url in new[] { "/legality", $"/legality/intake/{intake.Id}" })
        {
            violations.AddRange(await CheckAsync(reviewer, url));
        }
        var secretary = await fixture.SignedInPageAsync(server, "secretary");
        foreach (var url in new[] { "/meetings", $"/meetings/{meeting.Id}", $"/meetings/{meeting.Id}/minutes" })
        {
            violations.AddRange(await CheckAsync(secretary, url));
        }
        var citizen = await fixture.NewPageAsync(server, 390, 844);
        violations.AddRange(await CheckAsync(citizen, $"/public/consultations/{consultation.Id}"));

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public async Task The_normative_officials_pages_pass_the_WCAG_AA_rules_in_both_languages()
    {
        await using var server = await BrowserFixture.StartServerAsync();
        using var driver = new ProcedureDriver(server);
        var pages = await NormativeOfficialsStates.PrepareAsync(driver);

        var violations = new List<string>();
        foreach (var (user, urls) in new[] { ("drafter", pages.Drafter), ("drafthead", pages.Head), ("reviewer", pages.Reviewer), ("admin", pages.Admin) })
        {
            var page = await fixture.SignedInPageAsync(server, user);
            foreach (var url in urls)
            {
                violations.AddRange(await CheckAsync(page, url));
            }
            // And in English.
            violations.AddRange(await CheckAsync(page, $"/lang/en?returnUrl={Uri.EscapeDataString(urls[^1])}"));
        }
        // The review opinion with its errors shown (nothing chosen: the conclusion and the checklist are refused).
        var reviewer = await fixture.SignedInPageAsync(server, "reviewer");
        await reviewer.GotoAsync(pages.ReviewOpinion);
        await reviewer.ClickAsync("#opinion-form button[type=submit]");
        await reviewer.WaitForSelectorAsync("#Checklist-error");
        violations.AddRange(await CheckCurrentAsync(reviewer));

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public async Task The_public_pages_and_the_sign_in_page_pass_the_WCAG_AA_rules_in_both_languages()
    {
        await using var server = await BrowserFixture.StartServerAsync();
        var page = await fixture.NewPageAsync(server);
        var violations = new List<string>();
        foreach (var url in new[] { "/account/login", "/public", "/public/consultations", "/public/decisions", "/lang/en?returnUrl=/public", "/public/consultations" })
        {
            violations.AddRange(await CheckAsync(page, url));
        }
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public async Task The_check_itself_finds_an_unlabelled_field_and_low_contrast()
    {
        await using var server = await BrowserFixture.StartServerAsync();
        var page = await fixture.NewPageAsync(server);
        await page.GotoAsync("/public");
        // The real stylesheet, with the mistakes the pages must not make.
        // The colours are set through the CSSOM: a style attribute would be refused by the Content-Security-Policy.
        await page.EvaluateAsync("document.querySelector('main').innerHTML = '<form><input type=text name=q></form><p id=light>浅色文字</p>'; " +
            "const light = document.getElementById('light'); light.style.color = '#bbb'; light.style.background = '#fff';");
        var found = (await CheckCurrentAsync(page)).ToList();
        Assert.Contains(found, v => v.Contains(": label (", StringComparison.Ordinal));
        Assert.Contains(found, v => v.Contains(": color-contrast (", StringComparison.Ordinal));
    }

    private static async Task<IEnumerable<string>> CheckAsync(IPage page, string url)
    {
        var response = await page.GotoAsync(url);
        Assert.True(response?.Ok == true, $"GET {url}: {response?.Status}");
        return await CheckCurrentAsync(page);
    }

    private static async Task<IEnumerable<string>> CheckCurrentAsync(IPage page)
    {
        var result = await page.RunAxe(Wcag);
        var path = new Uri(page.Url).PathAndQuery;
        return result.Violations.Select(v =>
            $"{path}: {v.Id} ({v.Impact}) {v.Help}: {string.Join(" | ", v.Nodes.Select(n => n.Html))}");
    }
}
