using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Demo;
using RuleOfLaw.Workflow.Server.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Scheduling;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.NormativeDocuments;

namespace RuleOfLaw.Workflow.Server.Tests.Browser;

/// <summary>
/// Issue 14's "done means" in a browser: a government normative document walked through the pages alone, each role
/// signing in in turn — the administrator lists the government as an issuing entity; the drafting officer drafts,
/// uploads the draft, records the fair-competition review and runs the 30-day consultation on the portal, where a
/// citizen comments through the form, answers the comment, closes the consultation with its feedback and submits the
/// document for legality review; the justice office answers the content checklist item by item; the general office's
/// secretary schedules the executive meeting and puts the document on its agenda; the county head decides and signs;
/// the justice office registers it ("三统一" numbers) and publishes it, and the portal's catalogue lists it; the
/// drafting officer files it with both recipients, whose reviewers register and accept it; on its lapse day it leaves
/// the catalogue. Every page the walk visits goes through the WCAG AA check. The setup the walk stands on (a standing
/// committee, the county under the city, the recipients' reviewers, the drafting officer's role at the county
/// government) is the administrators' API: user administration has no pages (docs/web.md).
/// </summary>
public sealed class NormativeWalkBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly AxeRunOptions Wcag = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    private const string Title = "示范县人民政府关于促进民营经济发展的若干措施";

    private static DateTimeOffset Beijing9(DateOnly day) => new(day.Year, day.Month, day.Day, 1, 0, 0, TimeSpan.Zero);

    private readonly List<string> _violations = [];
    private IPage? _page;

    [Fact]
    public async Task A_government_document_runs_from_drafting_to_filing_review_and_expiry_through_the_pages()
    {
        await using var server = await BrowserFixture.StartServerAsync();
        using var driver = new ProcedureDriver(server);
        await ArrangeRecipientsAsync(driver);

        // The administrator lists the county government as an issuing entity (制定主体清单).
        var page = await SignInAsync(server, "admin");
        await page.ClickAsync("#nav-normative-issuers");
        await page.WaitForSelectorAsync("#add-form");
        await CheckAsync(page);
        await page.SelectOptionAsync("#GovernmentId", NormativeApi.Government);
        await page.SelectOptionAsync("#OrganizationId", NormativeApi.Government);
        await page.FillAsync("#Name", "示范县人民政府");
        await page.FillAsync("#Code", "XX");
        await page.SelectOptionAsync("#Kind", IssuingEntityKinds.Government);
        await page.FillAsync("#DocumentNumberPrefix", "示政规");
        await page.ClickAsync("#add-form button[type=submit]");
        await page.WaitForSelectorAsync("table[data-government=demo-county] tr[data-issuer]");
        await CheckAsync(page);

        // Drafting: a government document tied to market actors (fair-competition review, 30-day consultation).
        page = await SignInAsync(server, "drafter");
        await page.ClickAsync("#nav-normative");
        await page.WaitForSelectorAsync("#draft-form");
        await CheckAsync(page);
        await page.SelectOptionAsync("#Kind", NormativeDocumentKinds.Government);
        await page.FillAsync("#Title", Title);
        await page.CheckAsync("#AffectsMarketActors");
        await page.CheckAsync("#PublicConsultation");
        await page.FillAsync("#LegalBases", "《中华人民共和国中小企业促进法》\n《优化营商环境条例》");
        await page.ClickAsync("#draft-form button[type=submit]");
        await page.WaitForSelectorAsync("#document-facts");
        var documentUrl = new Uri(page.Url).AbsolutePath;
        var id = Guid.Parse(documentUrl["/normative/documents/".Length..]);
        Assert.Equal("drafting", await page.GetAttributeAsync("#document-status", "data-status"));
        Assert.True(await page.IsVisibleAsync($"#open-steps li[data-step={NormativeSteps.FairCompetition}]"));
        await CheckAsync(page);

        // The draft goes into the record (the review package's first material).
        await page.ClickAsync("#record-documents-link");
        await page.WaitForSelectorAsync("#upload-form");
        await CheckAsync(page);
        await page.SelectOptionAsync("#kind", Server.Documents.DocumentKinds.Draft);
        await page.FillAsync("#title", "征求意见稿");
        await page.SetInputFilesAsync("#file", new FilePayload { Name = "征求意见稿.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.7\n征求意见稿\n%%EOF\n"u8.ToArray() });
        await page.ClickAsync("#upload");
        await page.WaitForSelectorAsync("section.document");

        // Fair-competition review, from the workbench's task list.
        await page.GotoAsync("/");
        await page.ClickAsync($"#my-tasks a[href^='/assessments/fair-competition/']");
        await page.WaitForSelectorAsync("#review-form");
        await CheckAsync(page);
        await page.CheckAsync("#conclusion-compliant");
        await page.ClickAsync("#record-review");
        await page.WaitForSelectorAsync("#fair-competition-reviews li[data-conclusion=compliant]");
        await page.FillAsync("#Comment", "经公平竞争审查，未含排除、限制竞争的内容。");
        await page.ClickAsync("#complete-task");
        await BrowserFixture.ArrivedAsync(page, path => !path.StartsWith("/assessments/", StringComparison.Ordinal));

        // The consultation on the portal: published from the document page's link to the participation step page.
        await page.GotoAsync(documentUrl);
        await page.ClickAsync("#consultation-link");
        await page.WaitForSelectorAsync("#publish-form");
        await CheckAsync(page);
        var participationUrl = page.Url;
        await page.FillAsync("#PubTitle", Title + "（征求意见稿）");
        await page.FillAsync("#DraftText", "一、降低民营企业准入门槛……");
        await page.FillAsync("#Explanation", "起草说明：为进一步优化营商环境……");
        await page.ClickAsync("#publish-consultation");
        await page.WaitForSelectorAsync("article.consultation[data-status=open]");
        var consultationId = (await page.GetAttributeAsync("article.consultation", "id"))!["consultation-".Length..];

        // A citizen comments through the portal's form, without signing in, and gets a receipt.
        var citizen = await fixture.NewPageAsync(server, 390, 844);
        await citizen.GotoAsync("/public/consultations");
        await citizen.ClickAsync($"a[href='/public/consultations/{consultationId}']");
        await citizen.WaitForSelectorAsync("#comment-form");
        await CheckAsync(citizen);
        await citizen.FillAsync("#Name", "刘某");
        await citizen.FillAsync("#Text", "建议明确小微企业的认定标准。");
        await citizen.ClickAsync("#submit-comment");
        await citizen.WaitForSelectorAsync("#receipt-number");
        await CheckAsync(citizen);

        // The drafting officer answers it.
        await page.GotoAsync(participationUrl);
        var comment = page.Locator("li.comment").First;
        await comment.Locator("input[value=adopted]").CheckAsync();
        await comment.Locator("form.respond button").ClickAsync();
        await page.WaitForSelectorAsync("li.comment .response");
        await CheckAsync(page);

        // Thirty days later the consultation ends: closed, feedback published, the step completed.
        var closesAt = DateTimeOffset.Parse((await page.GetAttributeAsync("article.consultation dl time:nth-of-type(2)", "datetime"))!, System.Globalization.CultureInfo.InvariantCulture);
        server.Clock.MoveTo(closesAt.AddHours(9));
        page = await SignInAsync(server, "drafter");
        await page.GotoAsync(participationUrl);
        if (await page.Locator("#close-consultation").CountAsync() > 0)
        {
            await page.ClickAsync("#close-consultation");
            await page.WaitForSelectorAsync("article.consultation[data-status=closed]");
        }
        await page.FillAsync("#Summary", "共收到意见1条，已采纳。");
        await page.ClickAsync("#publish-feedback");
        await page.WaitForSelectorAsync("#feedback-published");
        await CheckAsync(page);
        await page.FillAsync("#Comment", "已充分听取公众意见。");
        await page.ClickAsync("#complete-task");
        await BrowserFixture.ArrivedAsync(page, path => !path.StartsWith("/participation/", StringComparison.Ordinal));

        // Submission for legality review from the document page: the review window is shown.
        await page.GotoAsync(documentUrl);
        Assert.Equal(0, await page.Locator("#package-lacks").CountAsync());
        await page.ClickAsync("#submit-form button");
        await page.WaitForSelectorAsync("#document-status[data-status=in-review]");
        await CheckAsync(page);
        var earliest = DateOnly.Parse((await page.TextContentAsync("#review-earliest"))!.Trim(), System.Globalization.CultureInfo.InvariantCulture);

        // The justice office's opinion on the first day it may give it: the content checklist item by item.
        server.Clock.MoveTo(Beijing9(earliest));
        page = await SignInAsync(server, "reviewer");
        await page.ClickAsync("#nav-normative-justice");
        await page.WaitForSelectorAsync("#documents");
        await CheckAsync(page);
        await page.ClickAsync($"a[href='/normative/documents/{id}/review-opinion']");
        await page.WaitForSelectorAsync("#opinion-form");
        await CheckAsync(page);
        await page.CheckAsync($"#conclusion-{ReviewConclusions.Lawful}");
        foreach (var item in LegalityReviewRules.ChecklistItems)
        {
            await page.CheckAsync($"#answer-{item}-no");
        }
        await page.FillAsync("#Opinion", "经审核，该文件制定主体、权限、程序和内容合法。");
        await page.ClickAsync("#opinion-form button[type=submit]");
        await page.WaitForSelectorAsync($"#review-conclusion[data-conclusion={ReviewConclusions.Lawful}]");
        await CheckAsync(page);

        // The general office schedules the executive (standing) meeting and puts the document on its agenda.
        page = await SignInAsync(server, "secretary");
        await page.ClickAsync("#nav-meetings");
        await page.WaitForSelectorAsync("#meeting-form");
        await CheckAsync(page);
        await page.CheckAsync("#kind-standing");
        await page.FillAsync("#Date", earliest.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.ClickAsync("#create-meeting");
        await page.WaitForSelectorAsync("#place-form");
        var meetingUrl = page.Url;
        await CheckAsync(page);
        await page.SelectOptionAsync("#MatterId", id.ToString());
        await page.ClickAsync("#place-matter");
        await page.WaitForSelectorAsync("#item-1[data-status=scheduled]");
        await page.ClickAsync("#record-attendance");
        await page.WaitForSelectorAsync("#attendance li strong");
        await CheckAsync(page);

        // A member gives an opinion on the meeting page, signed with her own account.
        page = await SignInAsync(server, "member");
        await page.ClickAsync("#nav-meetings");
        await page.ClickAsync($"#meetings a[href='{new Uri(meetingUrl).AbsolutePath}']");
        await page.WaitForSelectorAsync("#item-1-opinion-form");
        await CheckAsync(page);
        await page.CheckAsync("#item-1-position-agree");
        await page.FillAsync("#item-1-opinion-Text", "同意。建议明确小微企业认定标准。");
        await page.ClickAsync("#item-1-record-opinion");
        await page.WaitForSelectorAsync("#item-1-statements li[data-capacity=member]");

        // The county head decides last (第三十条) and signs.
        page = await SignInAsync(server, "chief");
        await page.GotoAsync(meetingUrl);
        await page.CheckAsync("#item-1-outcome-approved");
        await page.FillAsync("#item-1-decision-Text", "审议通过。");
        await page.ClickAsync("#item-1-decide");
        await page.WaitForSelectorAsync("#item-1[data-status=decided]");
        await CheckAsync(page);
        // The meeting's record (minutes) with the decision.
        await page.ClickAsync("#minutes-link");
        await page.WaitForSelectorAsync("#minutes-item-1");
        Assert.Contains(Title, await page.TextContentAsync("#minutes-item-1"));
        await CheckAsync(page);
        await page.ClickAsync("#nav-normative");
        await page.WaitForSelectorAsync("#to-sign");
        await CheckAsync(page);
        await page.ClickAsync($"#to-sign a[href='/normative/documents/{id}']");
        await page.WaitForSelectorAsync("#sign-form");
        Assert.Equal("deliberated", await page.GetAttributeAsync("#document-status", "data-status"));
        await CheckAsync(page);
        await page.ClickAsync("#sign-form button");
        await page.WaitForSelectorAsync("#document-status[data-status=signed]");

        // "三统一": the justice office registers (both numbers shown) and publishes the full text.
        page = await SignInAsync(server, "reviewer");
        await page.ClickAsync("#nav-normative-justice");
        await page.ClickAsync($"a[href='/normative/documents/{id}/registration']");
        await page.WaitForSelectorAsync("#register-form");
        await CheckAsync(page);
        await page.ClickAsync("#register-form button");
        await page.WaitForSelectorAsync("#publish-form");
        var year = earliest.Year;
        Assert.Contains($"XXGS—{year}—1", await page.TextContentAsync("main"));
        Assert.Contains($"示政规〔{year}〕1号", await page.TextContentAsync("main"));
        await CheckAsync(page);
        await page.FillAsync("#FullText", "第一条 为促进民营经济发展……");
        await page.ClickAsync("#publish-form button");
        await page.WaitForSelectorAsync("#document-status[data-status=published]");

        // The portal's catalogue lists it with its numbers.
        await citizen.GotoAsync("/public/normative-documents");
        await citizen.WaitForSelectorAsync($"#catalogue tr[data-document='{id}']");
        Assert.Contains($"XXGS—{year}—1", await citizen.TextContentAsync($"#catalogue tr[data-document='{id}']"));
        await CheckAsync(citizen);
        await citizen.ClickAsync($"a[href='/public/normative-documents/{id}']");
        await citizen.WaitForSelectorAsync("#full-text");
        await CheckAsync(citizen);

        // Filing with both recipients (the higher government's justice office, the standing committee).
        page = await SignInAsync(server, "drafter");
        await page.ClickAsync("#nav-normative-issued");
        await page.WaitForSelectorAsync("#filings");
        await CheckAsync(page);
        for (var i = 0; i < 2; i++)
        {
            await page.ClickAsync("#filings form[action*='handler=File'] button");
            await page.WaitForLoadStateAsync();
        }
        Assert.Equal(2, await page.Locator($"#filings td[data-status={FilingStatuses.Filed}]").CountAsync());

        // Each recipient's reviewer registers the filing and accepts it.
        foreach (var recipient in new[] { "cityreviewer", "npcreviewer" })
        {
            page = await SignInAsync(server, recipient);
            await page.ClickAsync("#nav-normative-filings");
            await page.ClickAsync("a[href='/normative/filings/received']");
            await page.WaitForSelectorAsync("#filings");
            await CheckAsync(page);
            await page.ClickAsync("#filings form[action*='handler=Register'] button");
            await page.WaitForSelectorAsync("#no-filings");
            await page.GotoAsync("/normative/filings/review");
            await page.WaitForSelectorAsync("#filings");
            await CheckAsync(page);
            await page.CheckAsync("#filings input[value=accepted]");
            await page.ClickAsync("#filings form button[type=submit]");
            await page.WaitForSelectorAsync($"#filings td[data-status={FilingStatuses.Accepted}]");
        }

        // The procedure has ended with the filing review.
        page = await SignInAsync(server, "drafter");
        await page.GotoAsync(documentUrl);
        Assert.True(await page.IsVisibleAsync("#no-open-steps"));
        Assert.Equal(2, await page.Locator($"#filings td[data-status={FilingStatuses.Accepted}]").CountAsync());
        await CheckAsync(page);
        Assert.Equal(Engine.Execution.InstanceStatus.Completed, (await driver.GetInstanceAsync(id)).Status);

        // Expiry: on its lapse day the scheduler's lapse timer runs and the document leaves the current catalogue.
        var lapsesOn = await server.WithDatabaseAsync(db => Task.FromResult(db.Set<NormativeDocument>().Single(d => d.Id == id).LastDayInForce!.Value.AddDays(1)));
        server.Clock.MoveTo(new DateTimeOffset(lapsesOn.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)));
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var fired = await scope.ServiceProvider.GetRequiredService<TimerFiring>().FireAsync(TimerIds.For(LapseTimer.TimerKind, id.ToString("N")), default);
            Assert.Equal(TimerFiring.Outcome.Fired, fired);
        }
        // Another reader (the portal's pages may be kept by a browser for a minute: Cache-Control max-age=60, real time).
        await citizen.Context.CloseAsync();
        citizen = await fixture.NewPageAsync(server, 390, 844);
        await citizen.GotoAsync("/public/normative-documents");
        await citizen.WaitForSelectorAsync("#catalogue, #no-documents");
        Assert.Equal(0, await citizen.Locator($"tr[data-document='{id}']").CountAsync());
        await citizen.GotoAsync($"/public/normative-documents/{id}");
        Assert.Equal("已失效（有效期届满）", (await citizen.TextContentAsync("#document-status"))!.Trim());
        await CheckAsync(citizen);
        page = await SignInAsync(server, "drafter");
        await page.GotoAsync(documentUrl);
        Assert.Equal("lapsed", await page.GetAttributeAsync("#document-status", "data-status"));
        // The history says who acted by name and when in the county's time: the head signed; the timer lapsed it at 00:00.
        Assert.Contains("郑县长", await page.TextContentAsync("#history tr[data-event=signed]"));
        var lapsed = await page.TextContentAsync("#history tr[data-event=lapsed]");
        Assert.Contains($"{lapsesOn:yyyy-MM-dd} 00:00", lapsed);
        Assert.Contains("系统（定时任务）", lapsed);
        await CheckAsync(page);

        Assert.True(_violations.Count == 0, string.Join(Environment.NewLine, _violations));
    }

    /// <summary>
    /// The organization tree a government document's filing needs (worked example 4): the county under the city, whose
    /// justice office reviews it, and the county people's congress standing committee; a reviewer in each; and the
    /// drafting officer's role at the county government, which drafts in its own name.
    /// </summary>
    private static async Task ArrangeRecipientsAsync(ProcedureDriver driver)
    {
        var admin = await driver.As("admin");
        await admin.PutAsJsonAsync("/api/admin/organizations/demo-county", new { name = "示范县人民政府", nameEn = "Demo County People's Government", parentId = "demo-city" })
            .ExpectAsync<JsonElement>(HttpStatusCode.OK, driver.Server);
        await admin.PostJsonAsync("/api/admin/organizations", new
        {
            id = "demo-county-npcsc", name = "示范县人大常委会法制工作委员会", nameEn = "County People's Congress Standing Committee",
            kind = OrganizationScopes.PeopleCongressStandingCommittee, parentId = NormativeApi.Government,
        }).ExpectAsync<JsonElement>(HttpStatusCode.Created, driver.Server);
        foreach (var (user, name, organization) in new[] { ("cityreviewer", "何审查（市司法局）", "demo-city-justice"), ("npcreviewer", "林法工（县人大常委会）", "demo-county-npcsc") })
        {
            await admin.PostJsonAsync("/api/admin/users", new { userName = user, displayName = name, password = DemoData.Password, organizationId = organization, role = Roles.LegalityReviewer })
                .ExpectAsync<JsonElement>(HttpStatusCode.Created, driver.Server);
        }
        var users = await admin.GetAsync("/api/admin/users").ExpectAsync<JsonElement>(HttpStatusCode.OK, driver.Server);
        var drafter = users.EnumerateArray().Single(u => u.GetProperty("userName").GetString() == "drafter").GetProperty("id").GetString();
        await admin.PostJsonAsync($"/api/admin/users/{drafter}/memberships", new { organizationId = NormativeApi.Government, role = Roles.DraftingOfficer })
            .ExpectAsync<JsonElement>(HttpStatusCode.Created, driver.Server);
    }

    /// <summary>Signs <paramref name="user"/> in through the form in a fresh browser context (the previous one closed).</summary>
    private async Task<IPage> SignInAsync(ServerFactory server, string user)
    {
        if (_page is not null)
        {
            await _page.Context.CloseAsync();
        }
        _page = await fixture.SignedInPageAsync(server, user);
        await CheckAsync(_page);
        return _page;
    }

    private async Task CheckAsync(IPage page)
    {
        var result = await page.RunAxe(Wcag);
        var path = new Uri(page.Url).PathAndQuery;
        _violations.AddRange(result.Violations.Select(v => $"{path}: {v.Id} ({v.Impact}) {v.Help}: {string.Join(" | ", v.Nodes.Select(n => n.Html))}"));
    }
}
