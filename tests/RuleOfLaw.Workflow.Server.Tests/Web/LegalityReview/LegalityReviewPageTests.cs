using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.LegalityReview;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.Web.LegalityReview;

/// <summary>
/// The legality review's pages (第二十五条至第二十八条) through their real forms: what they show, what they refuse (next to the
/// field, with the article, nothing written) and what the database holds afterwards. Tests on their own matter share
/// one server per database with other classes (<see cref="SharedServers"/>) and read its rows only; the two that move
/// the clock before the Labour Day holiday start their own.
/// </summary>
[Collection(SharedServersCollection.Name)]
public sealed class LegalityReviewPageTests(SharedServers servers)
{
    /// <summary>Wednesday 29 April 2026, 10:00 in Beijing: the 7 working days run to 2026-05-12 across the Labour Day holiday.</summary>
    private static readonly DateTimeOffset BeforeLabourDay = new(2026, 4, 29, 2, 0, 0, TimeSpan.Zero);

    private static async Task<InstanceView> AtSubmissionAsync(ProcedureDriver driver)
    {
        var instance = await driver.StartNewAsync();
        await driver.CompleteAsync(instance.Id, "initiation", "draft-prepared");
        await driver.CompleteAsync(instance.Id, "public-participation", "opinions-heard");
        return await driver.CompleteAsync(instance.Id, "opinion-consolidation", "draft-finalised");
    }

    private static Task<int> CompletionsAsync(ServerFactory server, Guid instanceId, string stepId) =>
        server.WithDatabaseAsync(db => db.Journal.CountAsync(j => j.InstanceId == instanceId && j.Type == "TaskCompleted" && j.StepId == stepId));

    private static Dictionary<string, string[]> Fields(params (string Name, string Value)[] fields) =>
        fields.ToDictionary(f => f.Name, f => new[] { f.Value });

    /// <summary>Issue 16 item 4: a form refused by the input rules is the page again (400), the error at its field, nothing written.</summary>
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_control_character_in_the_submission_form_is_shown_next_to_its_field_with_400(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        driver.MoveClockTo(BeforeLabourDay);
        var instance = await AtSubmissionAsync(driver);
        var task = await driver.OpenTaskAsync(instance.Id, "legality-submission");
        using var web = new WebSession(server);
        await web.SignInAsync("drafthead");
        var page = await web.GetAsync($"/legality/submission/{task.Id}");
        var before = await DatabaseSnapshot.TakeAsync(server);

        var (status, answer) = await web.SubmitAsync(WebSession.Form(page, "#submission-form"),
            Fields(("DraftReference", "送审稿\u0007v2"), ("LegalBases", "《中华人民共和国价格法》"), ("RequestedOpinionDate", "2026-05-12")));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(string.IsNullOrWhiteSpace(answer.QuerySelector("#DraftReference-error")?.TextContent), answer.Body?.TextContent);
        Assert.Equal("true", answer.QuerySelector("#DraftReference")!.GetAttribute("aria-invalid"));
        Assert.NotNull(answer.QuerySelector("#submission-form"));
        Assert.Equal("2026-05-12", answer.QuerySelector("#earliest-date")!.TextContent.Trim()); // the page's data, loaded as on GET
        before.AssertUnchanged(await DatabaseSnapshot.TakeAsync(server), "a submission form with a control character");
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_too_early_opinion_date_is_refused_next_to_the_field_with_article_26_and_nothing_is_written(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        driver.MoveClockTo(BeforeLabourDay);
        var instance = await AtSubmissionAsync(driver);
        var task = await driver.OpenTaskAsync(instance.Id, "legality-submission");

        using var web = new WebSession(server);
        await web.SignInAsync("drafthead");
        // The dossier links the task to the step's own page.
        var dossier = await web.GetAsync($"/matters/{instance.MatterId}");
        Assert.Equal($"/legality/submission/{task.Id}", dossier.QuerySelector("a[data-task-step=legality-submission]")!.GetAttribute("href"));
        var page = await web.GetAsync($"/legality/submission/{task.Id}");
        // The earliest acceptable date, counted the API's way, is explained and offered.
        Assert.Equal("2026-05-12", page.QuerySelector("#earliest-date")!.TextContent.Trim());
        Assert.Equal("2026-05-12", page.QuerySelector<IHtmlInputElement>("#RequestedOpinionDate")!.Value);
        Assert.Contains("第二十六条", page.QuerySelector("#RequestedOpinionDate-hint")!.TextContent);
        Assert.Contains(page.QuerySelectorAll("#account-preview li"), li => li.TextContent.Contains("opinions-heard"));

        var form = WebSession.Form(page, "#submission-form");
        var filled = Fields(("DraftReference", "示范县城区停车收费调整方案（送审稿）v2"), ("LegalBases", "《中华人民共和国价格法》\n《重大行政决策程序暂行条例》"),
            ("RequestedOpinionDate", "2026-05-11"));
        var (status, answer) = await web.SubmitAsync(form, filled);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.StartsWith($"/legality/submission/{task.Id}", web.Location);
        var error = answer.QuerySelector("#RequestedOpinionDate-error")!.TextContent;
        Assert.Contains("第二十六条", error);
        Assert.Contains("2026-05-12", error);
        Assert.Equal("true", answer.QuerySelector("#RequestedOpinionDate")!.GetAttribute("aria-invalid"));
        Assert.Contains("RequestedOpinionDate-error", answer.QuerySelector("#RequestedOpinionDate")!.GetAttribute("aria-describedby"));
        Assert.Null(answer.QuerySelector("#form-error"));
        Assert.Equal(0, await CompletionsAsync(server, instance.Id, "legality-submission"));
        Assert.Equal(WorkTaskStatus.Open, (await driver.OpenTaskAsync(instance.Id, "legality-submission")).Status);

        // The earliest date is accepted: the system assembles the package and the task is completed with it.
        filled["RequestedOpinionDate"] = ["2026-05-12"];
        (status, _) = await web.SubmitAsync(WebSession.Form(answer, "#submission-form"), filled);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"/matters/{instance.MatterId}", web.Location);
        await driver.OpenTaskAsync(instance.Id, "legality-intake");
        var data = await server.WithDatabaseAsync(db => db.Journal.Where(j => j.InstanceId == instance.Id && j.Type == "TaskCompleted" && j.StepId == "legality-submission")
            .Select(j => j.DataJson).SingleAsync());
        var package = LegalitySubmissionPackage.Parse(data)!;
        Assert.Equal("2026-05-12", package.RequestedOpinionDate);
        Assert.Equal(["《中华人民共和国价格法》", "《重大行政决策程序暂行条例》"], package.LegalBases);
        Assert.Contains(package.Procedures, p => p.StepId == "opinion-consolidation" && p.Status == "completed");
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_package_is_returned_only_with_what_is_missing_and_then_goes_back_to_the_drafting_unit(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await AtSubmissionAsync(driver);
        await driver.CompleteAsync(instance.Id, "legality-submission", "submitted");
        var intake = await driver.OpenTaskAsync(instance.Id, "legality-intake");

        using var web = new WebSession(server);
        await web.SignInAsync("reviewer");
        // The queue lists the matter with the requested opinion date and the days left.
        var queue = await web.GetAsync("/legality");
        Assert.NotNull(queue.QuerySelector("#nav-legality"));
        var row = queue.QuerySelector($"#legality-queue tr[data-task='{intake.Id}']")!;
        Assert.Contains(driver.EarliestOpinionDate(), row.TextContent);
        Assert.Equal($"/legality/intake/{intake.Id}", row.QuerySelector("a[data-task-step=legality-intake]")!.GetAttribute("href"));

        var page = await web.GetAsync($"/legality/intake/{intake.Id}");
        // The whole package on one page.
        Assert.Contains("决策草案（送审稿）v1", page.QuerySelector("#package-draft")!.TextContent);
        Assert.Contains("《重大行政决策程序暂行条例》", page.QuerySelector("#package-bases")!.TextContent);
        Assert.Equal(driver.EarliestOpinionDate(), page.QuerySelector("#package-date")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("#package-procedures tr[data-step=opinion-consolidation]"));

        // Without the list of what is missing: refused next to the list, with the article, nothing written.
        var (status, answer) = await web.SubmitAsync(WebSession.Form(page, "#return-form"), Fields(("Missing", "  \n "), ("ReturnComment", "材料不全。")));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("第二十六条", answer.QuerySelector("#Missing-error")!.TextContent);
        Assert.Equal("true", answer.QuerySelector("#Missing")!.GetAttribute("aria-invalid"));
        Assert.Equal(0, await CompletionsAsync(server, instance.Id, "legality-intake"));
        Assert.Equal(WorkTaskStatus.Open, (await driver.OpenTaskAsync(instance.Id, "legality-intake")).Status);

        // With the list: returned, and the submission is the drafting unit's task again.
        (status, _) = await web.SubmitAsync(WebSession.Form(answer, "#return-form"),
            Fields(("Missing", "风险评估报告\n公平竞争审查结论"), ("ReturnComment", "材料不全，请补充后重新送审。")));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"/matters/{instance.MatterId}", web.Location);
        var returned = await server.WithDatabaseAsync(db => db.Journal.SingleAsync(j => j.InstanceId == instance.Id && j.Type == "TaskCompleted" && j.StepId == "legality-intake"));
        Assert.Equal("returned", returned.Outcome);
        Assert.Equal(["风险评估报告", "公平竞争审查结论"], JsonDocument.Parse(returned.DataJson).RootElement.GetProperty("missing").EnumerateArray().Select(e => e.GetString()));
        var again = await driver.OpenTaskAsync(instance.Id, "legality-submission");
        Assert.Equal("drafting-head", again.Role);
        Assert.Equal(2, again.Iteration);

        // The drafting head sees what was missing on the resubmission page.
        using var head = new WebSession(server);
        await head.SignInAsync("drafthead");
        var resubmit = await head.GetAsync($"/legality/submission/{again.Id}");
        Assert.Contains("风险评估报告", resubmit.QuerySelector("#last-return")!.TextContent);
        Assert.Null(resubmit.QuerySelector("#nav-legality")); // no review queue for the drafting unit
    }

    [Fact]
    public async Task Legal_counsel_signs_the_opinion_through_the_form_and_completes_the_task()
    {
        var server = await servers.ForAsync(DatabaseProvider.Sqlite);
        using var driver = new ProcedureDriver(server);
        var instance = await AtSubmissionAsync(driver);
        await driver.CompleteAsync(instance.Id, "legality-submission", "submitted");
        await driver.CompleteAsync(instance.Id, "legality-intake", "accepted");
        var task = await driver.OpenTaskAsync(instance.Id, "legal-counsel-opinion");

        using var web = new WebSession(server);
        await web.SignInAsync("counsel");
        var page = await web.GetAsync($"/legality/counsel/{task.Id}");
        Assert.NotNull(page.QuerySelector("#no-opinions"));

        // An empty opinion: the API's refusal under the text, nothing written.
        var (status, answer) = await web.SubmitAsync(WebSession.Form(page, "#opinion-form"), Fields(("Text", " ")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("text", answer.QuerySelector("#Text-error")!.TextContent);
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Set<CounselOpinion>().CountAsync(o => o.InstanceId == instance.Id)));

        const string text = "经审阅，决策草案未发现违反上位法的内容，建议明确过渡期。";
        (status, answer) = await web.SubmitAsync(WebSession.Form(answer, "#opinion-form"), Fields(("Kind", "staff-lawyer"), ("Text", text)));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"/legality/counsel/{task.Id}", web.Location);
        var opinion = await server.WithDatabaseAsync(db => db.Set<CounselOpinion>().SingleAsync(o => o.InstanceId == instance.Id));
        Assert.Equal(text, opinion.Text);
        Assert.Equal("staff-lawyer", opinion.CounselKind);
        Assert.Equal(task.Id, opinion.CounselTaskId);
        Assert.Equal(RuleOfLaw.Workflow.Server.Integrity.SmCrypto.Sm2WithSm3, opinion.SignatureAlgorithm);
        var signerKey = await server.WithDatabaseAsync(db => db.Set<RuleOfLaw.Workflow.Server.Integrity.SignerKey>().SingleAsync(k => k.Id == opinion.SignerKeyId));
        Assert.Equal(opinion.GivenBy, signerKey.UserId);
        Assert.True(RuleOfLaw.Workflow.Server.Integrity.SmCrypto.Sm2Verify(Convert.FromHexString(signerKey.PublicKey),
            RuleOfLaw.Workflow.Server.Integrity.OpinionSignatures.Message("counsel-opinion", opinion.Id, opinion.MatterId, $"{opinion.CounselTaskId:D}/staff-lawyer",
                opinion.GivenBy, opinion.GivenAt, text), Convert.FromHexString(opinion.Signature)));
        Assert.Contains(opinion.Signature, answer.QuerySelector($"#counsel-opinions li[data-opinion='{opinion.Id}']")!.TextContent);
        Assert.Contains(await server.WithDatabaseAsync(db => db.Journal.Where(j => j.InstanceId == instance.Id).Select(j => j.Type).ToListAsync()),
            type => type == "CounselOpinionGiven");

        (status, _) = await web.SubmitAsync(WebSession.Form(answer, "#task-form"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"/matters/{instance.MatterId}", web.Location);
        await driver.OpenTaskAsync(instance.Id, "legality-review");
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_conclusion_without_findings_is_refused_and_with_them_the_review_concludes(DatabaseProvider provider)
    {
        var server = await servers.ForAsync(provider);
        using var driver = new ProcedureDriver(server);
        var instance = await driver.StartNewAsync();
        await driver.AdvanceToLegalityReviewAsync(instance.Id);
        var task = await driver.OpenTaskAsync(instance.Id, "legality-review");

        using var web = new WebSession(server);
        await web.SignInAsync("reviewer");
        var page = await web.GetAsync($"/legality/review/{task.Id}");
        // The round's counsel opinion, its signature recomputed and valid.
        Assert.NotNull(page.QuerySelector("#counsel-opinions [data-signature=valid]"));
        Assert.Equal(["lawful", "needs-revision", "unlawful", "exploratory-reform"],
            page.QuerySelectorAll("#conclusion-form input[name=Outcome]").Select(i => ((IHtmlInputElement)i).Value));

        var (status, answer) = await web.SubmitAsync(WebSession.Form(page, "#conclusion-form"), Fields(("Outcome", "lawful")));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("第二十七条", answer.QuerySelector("#Findings-error")!.TextContent);
        Assert.Equal(0, await CompletionsAsync(server, instance.Id, "legality-review"));

        // Findings with one part missing are the API's validation problem, over the findings form; nothing written.
        (status, answer) = await web.SubmitAsync(WebSession.Form(answer, "#findings-form"),
            Fields(("Authority", "属于本级人民政府法定权限。"), ("Procedure", "已履行法定程序。"), ("ContentFindings", "")));
        Assert.Contains("第二十七条", answer.QuerySelector("#Findings-error")!.TextContent);
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.Set<LegalityFindings>().CountAsync(f => f.InstanceId == instance.Id)));

        (status, answer) = await web.SubmitAsync(WebSession.Form(answer, "#findings-form"),
            Fields(("Authority", "属于本级人民政府法定权限。"), ("Procedure", "已履行公众参与等法定程序。"), ("ContentFindings", "内容符合有关法律法规规章和国家政策。")));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"/legality/review/{task.Id}", web.Location);
        var findings = await server.WithDatabaseAsync(db => db.Set<LegalityFindings>().SingleAsync(f => f.InstanceId == instance.Id));
        Assert.Equal(task.Id, findings.ReviewTaskId);
        Assert.Equal("内容符合有关法律法规规章和国家政策。", findings.Content);
        Assert.NotNull(answer.QuerySelector("#findings-recorded"));
        // Signed by the reviewer with SM2 (issue 20), and the page says the signature holds.
        Assert.Equal("sm2-sm3", findings.SignatureAlgorithm);
        Assert.Equal("valid", answer.QuerySelector("#findings-recorded [data-signature]")?.GetAttribute("data-signature"));

        // An exploratory reform needs the legal risk stated (art. 25): refused next to that field.
        (status, answer) = await web.SubmitAsync(WebSession.Form(answer, "#conclusion-form"),
            Fields(("Outcome", "exploratory-reform"), ("Comment", "属于探索性改革。")));
        Assert.Contains("第二十五条", answer.QuerySelector("#LegalRisk-error")!.TextContent);
        Assert.Equal(0, await CompletionsAsync(server, instance.Id, "legality-review"));

        // "Needs revision" without reasons: the engine's rule under the comment.
        (status, answer) = await web.SubmitAsync(WebSession.Form(answer, "#conclusion-form"), Fields(("Outcome", "needs-revision"), ("Comment", "")));
        Assert.NotNull(answer.QuerySelector("#Comment-error"));
        Assert.Equal(0, await CompletionsAsync(server, instance.Id, "legality-review"));

        (status, _) = await web.SubmitAsync(WebSession.Form(answer, "#conclusion-form"), Fields(("Outcome", "lawful"), ("Comment", "经审查，合法。")));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"/matters/{instance.MatterId}", web.Location);
        var state = await server.WithDatabaseAsync(async db => InstanceStateJson.Deserialize((await db.Instances.SingleAsync(i => i.Id == instance.Id)).StateJson));
        Assert.Equal("lawful", state.Steps["legality-review"].Outcome);
        Assert.Equal(StepStatus.Active, state.Steps["meeting-scheduling"].Status);
    }
}
