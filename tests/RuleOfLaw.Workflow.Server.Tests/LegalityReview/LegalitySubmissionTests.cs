using System.Net;
using System.Text.Json;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Data;
using RuleOfLaw.Workflow.Server.Definitions;
using RuleOfLaw.Workflow.Server.Instances;
using Microsoft.Extensions.DependencyInjection;
using RuleOfLaw.Workflow.Server.Jurisdiction;
using RuleOfLaw.Workflow.Server.LegalityReview;
using RuleOfLaw.Workflow.Server.Tests.Infrastructure;

namespace RuleOfLaw.Workflow.Server.Tests.LegalityReview;

/// <summary>
/// The submission for legality review (第二十六条): the system assembles the package (draft, legal bases, the account of
/// the procedures performed), and the requested opinion date must leave the jurisdiction's 7 working days.
/// </summary>
public sealed class LegalitySubmissionTests
{
    /// <summary>Wednesday 29 April 2026, 10:00 in Beijing, before the Labour Day holiday (1-5 May; Saturday 9 May is a make-up working day).</summary>
    private static readonly DateTimeOffset BeforeLabourDay = new(2026, 4, 29, 2, 0, 0, TimeSpan.Zero);

    private static object Submission(string requestedOpinionDate) => new
    {
        draftReference = "示范县城区停车收费调整方案（送审稿）v2",
        draftHash = new string('a', 64),
        legalBases = new[] { "《中华人民共和国价格法》", "《重大行政决策程序暂行条例》" },
        requestedOpinionDate,
    };

    private static async Task<(InstanceView Instance, Guid MatterId)> AtSubmissionAsync(ProcedureDriver driver)
    {
        driver.MoveClockTo(BeforeLabourDay);
        var instance = await driver.StartNewAsync();
        await driver.CompleteAsync(instance.Id, "initiation", "draft-prepared");
        await driver.CompleteAsync(instance.Id, "public-participation", "opinions-heard");
        instance = await driver.CompleteAsync(instance.Id, "opinion-consolidation", "draft-finalised");
        Assert.Equal("legality-submission", Assert.Single(instance.OpenTasks).StepId);
        return (instance, Guid.Parse(instance.MatterId));
    }

    /// <summary>
    /// Submitted on Wednesday 2026-04-29: the 7 working days are 04-30, 05-06, 05-07, 05-08, 05-09 (make-up Saturday),
    /// 05-11 and 05-12 (1-5 May are the Labour Day holiday); an opinion requested for 05-11 is refused.
    /// </summary>
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task An_opinion_date_inside_the_7_working_days_across_the_Labour_Day_holiday_is_refused_with_article_26(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var (before, matterId) = await AtSubmissionAsync(driver);
        var head = await driver.As("drafthead");

        var early = await head.PostJsonAsync($"/api/matters/{matterId}/legality/submission", Submission("2026-05-11")).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("review-time-too-short", early.Code);
        Assert.Equal("第二十六条", early.Article);
        Assert.Contains("2026-05-12", early.Detail);
        var prepared = await head.PostJsonAsync($"/api/matters/{matterId}/legality/package", Submission("2026-05-11")).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("review-time-too-short", prepared.Code);

        // Nothing was written by either refusal.
        var unchanged = await driver.GetInstanceAsync(before.Id);
        Assert.Equal((before.JournalEntries, before.JournalHead), (unchanged.JournalEntries, unchanged.JournalHead));
        Assert.Equal("legality-submission", Assert.Single(unchanged.OpenTasks).StepId);

        var submitted = await head.PostJsonAsync($"/api/matters/{matterId}/legality/submission", Submission("2026-05-12")).ExpectAsync<InstanceView>(HttpStatusCode.OK, server);
        Assert.Equal("legality-intake", Assert.Single(submitted.OpenTasks).StepId);

        var legality = await head.GetAsync($"/api/matters/{matterId}/legality").ExpectAsync<LegalityView>(HttpStatusCode.OK, server);
        var package = Assert.Single(legality.Submissions).Package!;
        Assert.Equal(("2026-05-12", "2026-05-12"), (package.RequestedOpinionDate, package.GuaranteedUntil));
        Assert.Equal(["《中华人民共和国价格法》", "《重大行政决策程序暂行条例》"], package.LegalBases);
        Assert.Equal(new string('a', 64), package.DraftHash);
        // The account of the procedures, generated from the step states: done (with date and person) and skipped (with why).
        var initiation = Assert.Single(package.Procedures, p => p.StepId == "initiation");
        Assert.Equal(("completed", "draft-prepared", "2026-04-29"), (initiation.Status, initiation.Outcome, initiation.Date));
        Assert.NotNull(initiation.By);
        var experts = Assert.Single(package.Procedures, p => p.StepId == "expert-argumentation");
        Assert.Equal("skipped", experts.Status);
        Assert.Contains("technical=false", experts.Reason);
        Assert.DoesNotContain(package.Procedures, p => p.StepId == "legality-submission");
        Assert.True((await driver.VerifyJournalAsync(before.Id)).Valid);
    }

    /// <summary>
    /// The worked example of the deadlines document: a package submitted on Friday 2026-02-13 is guaranteed time through
    /// 2026-03-02 (02-14 make-up working day, 02-24 … 02-27, 02-28 make-up Saturday, 03-02). The period is the
    /// definition's rule (legality-review's legalityReviewMinimum counted from the submission being made), judged by the engine.
    /// </summary>
    [Fact]
    public async Task The_guaranteed_review_time_of_the_deadlines_documents_example_runs_to_2_March()
    {
        await using var server = await ServerFactory.StartAsync(DatabaseProvider.Sqlite);
        var engine = server.Services.GetRequiredService<WorkflowEngine>();
        var registry = server.Services.GetRequiredService<DefinitionRegistry>();
        var definition = registry.Latest("major-administrative-decision")!;
        var settings = server.Services.GetRequiredService<JurisdictionRegistry>().Get("default")!;
        var state = new InstanceState
        {
            Id = Guid.NewGuid(), MatterId = "m", DefinitionId = definition.Id, DefinitionVersion = definition.Version, StartedAt = BeforeLabourDay,
            Jurisdiction = settings.Snapshot(),
            Steps = { ["legality-submission"] = new StepState { StepId = "legality-submission", Status = StepStatus.Active, Iteration = 1 } },
        };
        var rule = LegalitySubmissionPackage.ReviewTime(engine, registry, definition, state, new DateTimeOffset(2026, 2, 13, 2, 0, 0, TimeSpan.Zero), null)!;
        Assert.Empty(rule.Check.Refusals);
        Assert.Equal(new DateOnly(2026, 3, 2), rule.Check.Minimum!.LastDay);
        // One day short is refused in this module's words, citing 第二十六条.
        var early = LegalitySubmissionPackage.ReviewTime(engine, registry, definition, state, new DateTimeOffset(2026, 2, 13, 2, 0, 0, TimeSpan.Zero), new DateOnly(2026, 3, 1))!;
        var refusal = Assert.Single(LegalitySubmissionPackage.Refusals(early, new DateOnly(2026, 3, 1)));
        Assert.Equal(("review-time-too-short", "第二十六条"), (refusal.Code, refusal.Article));
        // Into a year with no calendar file: provisional, not guessed and not blocking (12-29..12-31, then 2027's days
        // counted as possible working days: at least until 2027-01-06).
        var none = LegalitySubmissionPackage.ReviewTime(engine, registry, definition, state, new DateTimeOffset(2026, 12, 28, 2, 0, 0, TimeSpan.Zero), null)!;
        Assert.Empty(none.Check.Refusals);
        Assert.Equal((new DateOnly(2027, 1, 4), 2027), (none.Check.Minimum!.LastDay, none.Check.Minimum.ProvisionalYear));
    }

    /// <summary>
    /// Submitted on Thursday 2026-12-24, the 7 working days reach 2027, a year without a calendar (issue 16 item 6): the
    /// work goes on. A date before the earliest end (12-25, 12-28..12-31, 01-01, 01-02 as possible working days) is
    /// certainly too short and refused; a later one is accepted and the package says "at least until 2027-01-02".
    /// </summary>
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task An_opinion_date_whose_review_time_reaches_a_year_without_a_calendar_is_judged_provisionally(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var (before, matterId) = await AtSubmissionAsync(driver);
        driver.MoveClockTo(new DateTimeOffset(2026, 12, 24, 2, 0, 0, TimeSpan.Zero));
        var head = await driver.As("drafthead");

        var early = await head.PostJsonAsync($"/api/matters/{matterId}/legality/submission", Submission("2027-01-01")).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(("review-time-too-short", "第二十六条"), (early.Code, early.Article));
        Assert.Equal(before.JournalEntries, (await driver.GetInstanceAsync(before.Id)).JournalEntries);

        var submitted = await head.PostJsonAsync($"/api/matters/{matterId}/legality/submission", Submission("2027-01-11")).ExpectAsync<InstanceView>(HttpStatusCode.OK, server);
        Assert.Equal("legality-intake", Assert.Single(submitted.OpenTasks).StepId);
        var package = Assert.Single((await head.GetAsync($"/api/matters/{matterId}/legality").ExpectAsync<LegalityView>(HttpStatusCode.OK, server)).Submissions).Package!;
        Assert.Equal(("2027-01-11", "2027-01-02", 2027), (package.RequestedOpinionDate, package.GuaranteedUntil, package.GuaranteeProvisionalYear));
        Assert.Contains("至少至2027-01-02", package.GuaranteeRule);
        Assert.True((await driver.VerifyJournalAsync(before.Id)).Valid);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Completing_the_submission_without_a_system_assembled_package_is_refused(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var (instance, matterId) = await AtSubmissionAsync(driver);
        var task = Assert.Single(instance.OpenTasks);

        var bare = await driver.CompleteRawAsync("drafthead", task.Id, "submitted").ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("submission-package-required", bare.Code);
        Assert.Equal("第二十六条", bare.Article);

        // A hand-made package whose account of the procedures is not the system's is refused too.
        var head = await driver.As("drafthead");
        var forged = await head.PostJsonAsync($"/api/tasks/{task.Id}/complete", new
        {
            outcome = "submitted",
            data = new
            {
                draftReference = "草案", legalBases = new[] { "依据" }, requestedOpinionDate = "2026-05-12", guaranteedUntil = "2026-05-12", guaranteeRule = "",
                procedures = Array.Empty<object>(), journalSequence = 1, journalHead = "x",
            },
        }).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("procedure-account-mismatch", forged.Code);

        // Invalid input is a 400-class answer naming the field, before anything is assembled.
        var invalid = await head.PostJsonAsync($"/api/matters/{matterId}/legality/submission",
            new { draftReference = "草案", legalBases = Array.Empty<string>(), requestedOpinionDate = "3/2/2026" }).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("invalid-submission", invalid.Code);
        Assert.True(invalid.Errors!.Value.TryGetProperty("legalBases", out JsonElement _));
        Assert.True(invalid.Errors!.Value.TryGetProperty("requestedOpinionDate", out JsonElement _));

        // Prepared ahead (package endpoint), the task may then be completed on the ordinary path.
        await head.PostJsonAsync($"/api/matters/{matterId}/legality/package", Submission("2026-05-12")).ExpectAsync(HttpStatusCode.Created, server);
        using var done = await driver.CompleteRawAsync("drafthead", task.Id, "submitted").ExpectAsync(HttpStatusCode.OK, server);
        var report = await head.GetAsync($"/api/matters/{matterId}/compliance").ExpectAsync<JsonElement>(HttpStatusCode.OK, server);
        var line = report.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "legality:review-time");
        Assert.Equal("met", line.GetProperty("status").GetString());
        Assert.Contains("2026-05-12", line.GetProperty("detail").GetString());
    }

    /// <summary>The office may return an incomplete package, listing what is missing (第二十六条); the head submits again.</summary>
    [Theory]
    [ClassData(typeof(Providers))]
    public async Task An_incomplete_package_is_returned_with_the_list_of_what_is_missing(DatabaseProvider provider)
    {
        await using var server = await ServerFactory.StartAsync(provider);
        using var driver = new ProcedureDriver(server);
        var (instance, _) = await AtSubmissionAsync(driver);
        instance = await driver.CompleteAsync(instance.Id, "legality-submission", "submitted");
        var intake = Assert.Single(instance.OpenTasks);
        var reviewer = await driver.As("reviewer");

        var unlisted = await reviewer.PostJsonAsync($"/api/tasks/{intake.Id}/complete", new { outcome = "returned", comment = "材料不全。" })
            .ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("missing-items-required", unlisted.Code);
        Assert.Equal("第二十六条", unlisted.Article);

        var returned = await reviewer.PostJsonAsync($"/api/tasks/{intake.Id}/complete",
            new { outcome = "returned", comment = "材料不全。", data = new { missing = new[] { "公众意见采纳情况说明" } } }).ExpectAsync<InstanceView>(HttpStatusCode.OK, server);
        var again = Assert.Single(returned.OpenTasks);
        Assert.Equal(("legality-submission", 2), (again.StepId, again.Iteration));
    }
}
