using System.Net;
using RuleOfLaw.Workflow.Server.Instances;
using RuleOfLaw.Workflow.Server.LegalityReview;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;
using RuleOfLaw.Workflow.Server.Tests.Web;
using Xunit.Abstractions;

namespace RuleOfLaw.Workflow.Server.Tests.LegalityReview;

/// <summary>
/// Issue 12 item 6: the legality review queue is one module query (<see cref="LegalityQueueQuery"/>) that the page
/// <c>/legality</c> and <c>GET /api/legality/queue</c> both answer, for the review office's reviewers and counsel only,
/// with a number of SQL commands that does not grow with the queue.
/// </summary>
public sealed class LegalityQueueTests(ITestOutputHelper output)
{
    private static async Task<InstanceView> AtIntakeAsync(ProcedureDriver driver, string title)
    {
        var instance = await driver.StartNewAsync(title: title);
        await driver.CompleteAsync(instance.Id, "initiation", "draft-prepared");
        await driver.CompleteAsync(instance.Id, "public-participation", "opinions-heard");
        await driver.CompleteAsync(instance.Id, "opinion-consolidation", "draft-finalised");
        // The driver assembles the package ahead (POST …/legality/package), so the queue reads it from the journal.
        return await driver.CompleteAsync(instance.Id, "legality-submission", "submitted");
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_queue_is_the_APIs_query_for_the_review_office_only_and_its_commands_do_not_grow_with_it(DatabaseProvider provider)
    {
        var commands = new RequestCommands();
        await using var server = await ServerFactory.StartAsync(provider, configure: commands.AddTo);
        using var driver = new ProcedureDriver(server);
        var first = await AtIntakeAsync(driver, "城区停车收费调整方案");
        var intake = await driver.OpenTaskAsync(first.Id, "legality-intake");

        var reviewer = await driver.As("reviewer");
        var queue = await reviewer.GetAsync("/api/legality/queue").ExpectAsync<List<LegalityQueueItem>>(HttpStatusCode.OK, server);
        var item = Assert.Single(queue);
        Assert.Equal((intake.Id, first.MatterId, "legality-intake", "legality-reviewer"), (item.TaskId, item.MatterId.ToString(), item.StepId, item.Role));
        Assert.Equal(driver.EarliestOpinionDate(), item.RequestedOpinionDate);
        Assert.Equal(DateOnly.ParseExact(driver.EarliestOpinionDate(), "yyyy-MM-dd").DayNumber - driver.Today.DayNumber, item.DaysLeft);
        Assert.Equal("Asia/Shanghai", item.TimeZone);
        Assert.NotNull(item.SubmittedAt);
        Assert.Equal("Acceptance of the review package", item.StepTitleEn);
        // Counsel of the same office reads the same queue.
        Assert.Equal([intake.Id], (await (await driver.As("counsel")).GetAsync("/api/legality/queue")
            .ExpectAsync<List<LegalityQueueItem>>(HttpStatusCode.OK, server)).Select(i => i.TaskId));

        // Anyone else: 403 with the article, in the reader's language; the page shows its notice instead of a list.
        var drafter = await driver.As("drafter");
        var refused = await drafter.GetAsync("/api/legality/queue").ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(("forbidden", "第二十五条"), (refused.Code, refused.Article));
        Assert.Contains("合法性审查工作台", refused.Detail);
        using var english = new HttpRequestMessage(HttpMethod.Get, "/api/legality/queue") { Headers = { { "Accept-Language", "en" } } };
        var refusedEn = await (await driver.As("secretary")).SendAsync(english).ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("legality review queue", refusedEn.Detail);
        using var drafterWeb = new WebSession(server);
        await drafterWeb.SignInAsync("drafter");
        var notice = await drafterWeb.GetAsync("/legality");
        Assert.NotNull(notice.QuerySelector("#not-reviewer"));
        Assert.Null(notice.QuerySelector("#legality-queue"));

        // The page and the API run as many SQL commands for one queued matter as for three.
        using var web = new WebSession(server);
        await web.SignInAsync("reviewer");
        var pageOne = await commands.OfAsync("/legality", () => web.GetAsync("/legality"));
        var apiOne = await commands.OfAsync("/api/legality/queue", () => reviewer.GetAsync("/api/legality/queue").ExpectAsync(HttpStatusCode.OK, server));
        await AtIntakeAsync(driver, "老旧小区改造计划");
        var third = await AtIntakeAsync(driver, "公交线网优化方案");
        await driver.CompleteAsync(third.Id, "legality-intake", "accepted");
        AngleSharp.Html.Dom.IHtmlDocument? page = null;
        var pageThree = await commands.OfAsync("/legality", async () => page = await web.GetAsync("/legality"));
        var apiThree = await commands.OfAsync("/api/legality/queue", async () =>
            Assert.Equal(3, (await reviewer.GetAsync("/api/legality/queue").ExpectAsync<List<LegalityQueueItem>>(HttpStatusCode.OK, server)).Count));
        Assert.Equal(3, page!.QuerySelectorAll("#legality-queue tbody tr").Length);
        Assert.NotNull(page.QuerySelector($"#legality-queue tr[data-step='legal-counsel-opinion']"));
        output.WriteLine($"{provider}: /legality {pageOne} commands with one matter, {pageThree} with three; /api/legality/queue {apiOne}, {apiThree}");
        Assert.Equal(pageOne, pageThree);
        Assert.Equal(apiOne, apiThree);
    }
}
