using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RuleOfLaw.Workflow.Meetings;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Organizations;
using RuleOfLaw.Workflow.Server.Demo;
using RuleOfLaw.Workflow.Server.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Scheduling;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.NormativeDocuments;

namespace RuleOfLaw.Workflow.Server.Tests.Browser;

/// <summary>
/// Issue 14's "done means" in a browser: a normative document walked through the pages alone, each role signing in in
/// turn, for both kinds. A government document — the administrator lists the government as an issuing entity; the
/// drafting officer drafts, uploads the draft, records the fair-competition review and runs the 30-day consultation on
/// the portal, where a citizen comments through the form, answers the comment, closes the consultation with its
/// feedback and submits the document for legality review; the justice office answers the content checklist item by
/// item; the general office's secretary schedules the executive meeting and puts the document on its agenda; the county
/// head decides and signs; the justice office registers it ("三统一" numbers) and publishes it, and the portal's
/// catalogue lists it; the drafting officer files it with both recipients, whose reviewers register and accept it; on
/// its lapse day it leaves the catalogue. A department document — through the department's own office meeting to its
/// one recipient, the government at the same level. The acts both share are <see cref="NormativeWalk"/>'s, which puts
/// every visited page through the WCAG AA check. The setup the government walk stands on (a standing committee, the
/// county under the city, the recipients' reviewers, the drafting officer's role at the county government) is the
/// administrators' API: user administration has no pages (docs/web.md).
/// </summary>
public sealed class NormativeWalkBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Title = "示范县人民政府关于促进民营经济发展的若干措施";

    [Fact]
    public async Task A_government_document_runs_from_drafting_to_filing_review_and_expiry_through_the_pages()
    {
        await using var server = await BrowserFixture.StartServerAsync();
        using var driver = new ProcedureDriver(server);
        await ArrangeRecipientsAsync(driver);
        var walk = new NormativeWalk(fixture, server);

        // The administrator lists the county government as an issuing entity (制定主体清单).
        await walk.ListIssuerAsync(NormativeApi.Government, "示范县人民政府", "XX", IssuingEntityKinds.Government, "示政规");

        // Drafting: a government document tied to market actors (fair-competition review, 30-day consultation).
        var (page, documentUrl, id) = await walk.DraftAsync(NormativeDocumentKinds.Government, Title, affectsMarketActors: true,
            "《中华人民共和国中小企业促进法》\n《优化营商环境条例》");
        Assert.True(await page.IsVisibleAsync($"#open-steps li[data-step={NormativeSteps.FairCompetition}]"));
        await walk.UploadDraftAsync(page);

        // Fair-competition review, from the workbench's task list.
        await page.GotoAsync("/");
        await page.ClickAsync($"#my-tasks a[href^='/assessments/fair-competition/']");
        await page.WaitForSelectorAsync("#review-form");
        // A normative document's review rests on the fair-competition review rules, not the major-decision Regulation.
        Assert.Equal("《公平竞争审查条例》", (await page.TextContentAsync("#reviews-heading .badge"))!.Trim());
        await walk.CheckAsync(page);
        await page.CheckAsync("#conclusion-compliant");
        await page.ClickAsync("#record-review");
        await page.WaitForSelectorAsync("#fair-competition-reviews li[data-conclusion=compliant]");
        await page.FillAsync("#Comment", "经公平竞争审查，未含排除、限制竞争的内容。");
        await page.ClickAsync("#complete-task");
        await BrowserFixture.ArrivedAsync(page, path => !path.StartsWith("/assessments/", StringComparison.Ordinal));

        // The consultation on the portal: published from the document page's link to the participation step page.
        var (participationUrl, consultationId) = await walk.PublishConsultationAsync(page, documentUrl, Title, "一、降低民营企业准入门槛……");

        // A citizen comments through the portal's form, without signing in, and gets a receipt.
        var citizen = await fixture.NewPageAsync(server, 390, 844);
        await citizen.GotoAsync("/public/consultations");
        await citizen.ClickAsync($"a[href='/public/consultations/{consultationId}']");
        await citizen.WaitForSelectorAsync("#comment-form");
        await walk.CheckAsync(citizen);
        await citizen.FillAsync("#Name", "刘某");
        await citizen.FillAsync("#Text", "建议明确小微企业的认定标准。");
        await citizen.ClickAsync("#submit-comment");
        await citizen.WaitForSelectorAsync("#receipt-number");
        await walk.CheckAsync(citizen);

        // The drafting officer answers it.
        await page.GotoAsync(participationUrl);
        var comment = page.Locator("li.comment").First;
        await comment.Locator("input[value=adopted]").CheckAsync();
        await comment.Locator("form.respond button").ClickAsync();
        await page.WaitForSelectorAsync("li.comment .response");
        await walk.CheckAsync(page);

        // Thirty days later the consultation ends: closed, feedback published, the step completed.
        page = await walk.EndConsultationAsync(page, participationUrl, "共收到意见1条，已采纳。");

        // Submission for legality review from the document page: the review window is shown.
        var earliest = await walk.SubmitForReviewAsync(page, documentUrl);

        // The justice office's opinion on the first day it may give it: the content checklist item by item.
        await walk.ReviewLawfulAsync(id, earliest);

        // The general office schedules the executive (standing) meeting and puts the document on its agenda; a member
        // gives her opinion; the county head decides last (第三十条), reads the minutes and signs.
        var meetingUrl = await walk.ScheduleMeetingAsync("secretary", MeetingKinds.Standing, earliest, id);
        await walk.GiveOpinionAsync("member", meetingUrl, "同意。建议明确小微企业认定标准。");
        page = await walk.DecideAsync("chief", meetingUrl, Title);
        await walk.SignAsync(page, id);

        // "三统一": the justice office registers (both numbers shown) and publishes the full text.
        var year = earliest.Year;
        await walk.RegisterAndPublishAsync(id, $"XXGS—{year}—1", $"示政规〔{year}〕1号", "第一条 为促进民营经济发展……");

        // The portal's catalogue lists it with its numbers.
        await citizen.GotoAsync("/public/normative-documents");
        await citizen.WaitForSelectorAsync($"#catalogue tr[data-document='{id}']");
        Assert.Contains($"XXGS—{year}—1", await citizen.TextContentAsync($"#catalogue tr[data-document='{id}']"));
        await walk.CheckAsync(citizen);
        await citizen.ClickAsync($"a[href='/public/normative-documents/{id}']");
        await citizen.WaitForSelectorAsync("#full-text");
        await walk.CheckAsync(citizen);

        // Filing with both recipients (the higher government's justice office, the standing committee); each recipient's
        // reviewer registers the filing and accepts it.
        await walk.FileAsync(recipients: 2);
        foreach (var recipient in new[] { "cityreviewer", "npcreviewer" })
        {
            await walk.AcceptFilingAsync(recipient);
        }

        // The procedure has ended with the filing review.
        page = await walk.SignInAsync("drafter");
        await page.GotoAsync(documentUrl);
        Assert.True(await page.IsVisibleAsync("#no-open-steps"));
        Assert.Equal(2, await page.Locator($"#filings td[data-status={FilingStatuses.Accepted}]").CountAsync());
        await walk.CheckAsync(page);
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
        await walk.CheckAsync(citizen);
        page = await walk.SignInAsync("drafter");
        await page.GotoAsync(documentUrl);
        Assert.Equal("lapsed", await page.GetAttributeAsync("#document-status", "data-status"));
        // The history says who acted by name and when in the county's time: the head signed; the timer lapsed it at 00:00.
        Assert.Contains("郑县长", await page.TextContentAsync("#history tr[data-event=signed]"));
        var lapsed = await page.TextContentAsync("#history tr[data-event=lapsed]");
        Assert.Contains($"{lapsesOn:yyyy-MM-dd} 00:00", lapsed);
        Assert.Contains("系统（定时任务）", lapsed);
        await walk.CheckAsync(page);

        walk.AssertAccessible();
    }

    /// <summary>
    /// A department document (部门规范性文件) walked through the pages: the bureau listed as an issuing entity, drafted
    /// by its drafting officer with a public consultation of 7 working days, the legality review, the bureau's own
    /// office meeting (部门办公会议: its secretary arranges it and places the document, its deputy head speaks, its head
    /// decides last and signs), registration and publication, filing with its one recipient — the government at the same
    /// level, whose justice office reviews it — and the filing review ending the procedure. The history reads in words.
    /// </summary>
    [Fact]
    public async Task A_department_document_runs_from_drafting_through_its_office_meeting_to_filing_review_through_the_pages()
    {
        const string title = "示范县发展和改革局关于规范政府投资项目代建管理的通知";
        await using var server = await BrowserFixture.StartServerAsync();
        using var driver = new ProcedureDriver(server);
        var walk = new NormativeWalk(fixture, server);

        await walk.ListIssuerAsync(NormativeApi.Bureau, "示范县发展和改革局", "XFG", IssuingEntityKinds.Department, "示发改规");

        // Drafted by the bureau's drafting officer, not tied to market actors: no fair-competition review; consultation.
        var (page, documentUrl, id) = await walk.DraftAsync(NormativeDocumentKinds.Department, title, affectsMarketActors: false, "《政府投资条例》");
        Assert.True(await page.IsVisibleAsync($"#open-steps li[data-step={NormativeSteps.Consultation}]"));
        Assert.Equal(0, await page.Locator($"#open-steps li[data-step={NormativeSteps.FairCompetition}]").CountAsync());
        await walk.UploadDraftAsync(page);
        var (participationUrl, _) = await walk.PublishConsultationAsync(page, documentUrl, title, "一、代建单位的选择……");
        page = await walk.EndConsultationAsync(page, participationUrl, "征求意见期间未收到意见。");

        var earliest = await walk.SubmitForReviewAsync(page, documentUrl);
        await walk.ReviewLawfulAsync(id, earliest);

        // The bureau's office meeting, in the meetings module: its own secretary, its deputy head, its head last.
        var meetingUrl = await walk.ScheduleMeetingAsync("deptsecretary", MeetingKinds.Office, earliest, id);
        page = await walk.SignInAsync("deptsecretary");
        await page.GotoAsync(meetingUrl);
        Assert.Contains("部门办公会议", await page.TextContentAsync("main"));
        // The page cites the office meeting's rule (Notice 37's collective deliberation), not the Regulation's 第三十条.
        Assert.Contains("严格落实集体审议制度", await page.TextContentAsync("main"));
        Assert.DoesNotContain("第三十条", await page.TextContentAsync("main"));
        await walk.GiveOpinionAsync("deputyhead", meetingUrl, "同意。建议明确代建费用的结算方式。");
        page = await walk.DecideAsync("drafthead", meetingUrl, title);
        await walk.SignAsync(page, id);

        var year = earliest.Year;
        await walk.RegisterAndPublishAsync(id, $"XFGGS—{year}—1", $"示发改规〔{year}〕1号", "第一条 为规范政府投资项目代建管理……");

        // One recipient: the government at the same level, its justice office (the county's reviewer) reviews the filing.
        await walk.FileAsync(recipients: 1);
        await walk.AcceptFilingAsync("reviewer");

        page = await walk.SignInAsync("drafter");
        await page.GotoAsync(documentUrl);
        Assert.True(await page.IsVisibleAsync("#no-open-steps"));
        Assert.Equal(1, await page.Locator($"#filings td[data-status={FilingStatuses.Accepted}]").CountAsync());
        Assert.Equal(Engine.Execution.InstanceStatus.Completed, (await driver.GetInstanceAsync(id)).Status);
        // The history in words: the office meeting's decision, the review's conclusion, the recipient — no codes.
        Assert.Contains("部门办公会议：通过", await page.TextContentAsync("#history tr[data-event=deliberated]"));
        Assert.Contains("李局长", await page.TextContentAsync("#history tr[data-event=signed]"));
        Assert.Contains("合法", await page.TextContentAsync("#history tr[data-event=reviewed]"));
        Assert.Contains("本级人民政府", await page.TextContentAsync("#history tr[data-event=filed]"));
        Assert.DoesNotContain("same-level-government", await page.TextContentAsync("#history"));
        Assert.DoesNotContain("office-meeting", await page.TextContentAsync("#history"));
        await walk.CheckAsync(page);

        walk.AssertAccessible();
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
}
