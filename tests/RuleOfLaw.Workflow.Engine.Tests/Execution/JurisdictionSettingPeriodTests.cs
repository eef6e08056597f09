using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Tests.Definitions;
using RuleOfLaw.Workflow.Engine.Texts;
using static RuleOfLaw.Workflow.Engine.Tests.Execution.EngineHarness;

namespace RuleOfLaw.Workflow.Engine.Tests.Execution;

/// <summary>
/// Periods that name a jurisdiction setting (<c>"due": { "setting": … }</c>): resolved from the snapshot the instance
/// was started with, counted in that jurisdiction's time zone, explained with the setting and jurisdiction; a start
/// without the setting is refused.
/// </summary>
public sealed class JurisdictionSettingPeriodTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private const string Publication = """
        {
          "id": "publication", "version": 1, "title": "公布", "legalBasis": "测试",
          "start": "review",
          "steps": [
            { "id": "review", "kind": "humanTask", "title": "合法性审查", "article": "第二十六条", "role": "legality-reviewer", "organization": "legality-review-office",
              "minimum": { "setting": "legalityReviewMinimum" },
              "outcomes": [ { "id": "lawful", "title": "合法" } ], "next": ["publish"] },
            { "id": "publish", "kind": "humanTask", "title": "公布", "article": "第三十二条", "role": "drafting-officer", "organization": "drafting-unit",
              "due": { "setting": "publicationDeadline" },
              "outcomes": [ { "id": "published", "title": "已公布" } ] }
          ]
        }
        """;

    private static JurisdictionSnapshot Snapshot(string id, int publicationDays, string timeZone = "Asia/Shanghai") => new()
    {
        Id = id,
        Name = id + "辖区",
        TimeZone = timeZone,
        Periods = new()
        {
            ["publicationDeadline"] = new SettingPeriod { Days = publicationDays, Counting = DayCounting.WorkingDays, Article = "第三十二条" },
            ["legalityReviewMinimum"] = new SettingPeriod { Days = 7, Counting = DayCounting.WorkingDays, Article = "第二十六条" },
        },
    };

    private static EngineHarness Started(JurisdictionSnapshot jurisdiction, DateTimeOffset? now = null)
    {
        var run = new EngineHarness(Publication, now);
        run.Accept(StartCommand() with { Jurisdiction = jurisdiction }, Drafter);
        return run;
    }

    [Fact]
    public void A_setting_minimum_is_taken_from_the_snapshot_and_explained()
    {
        // Friday 2026-02-13: 7 working days end on 2026-03-02 (deadlines-and-calendars.md).
        var run = Started(Snapshot("default", 20), new DateTimeOffset(2026, 2, 13, 15, 0, 0, Beijing));
        var review = run.OpenTask("review");
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 0, 0, 0, Beijing), review.NotBefore);
        Assert.StartsWith("依辖区“default辖区”（default）设置 legalityReviewMinimum（7个工作日，第二十六条）：", review.NotBeforeRule);

        run.Now = new DateTimeOffset(2026, 3, 2, 12, 0, 0, Beijing);
        var refusal = run.Refuse(new WorkflowCommand.CompleteTask(review.Id, "lawful", null, null), Reviewer, "minimum-period-not-elapsed");
        Assert.Contains("7个工作日", refusal.Message);
        Assert.Contains("2026-03-02", refusal.Message);
    }

    [Fact]
    public void A_refusal_on_a_setting_period_cites_the_definitions_article_else_the_settings_else_the_steps()
    {
        var opened = new DateTimeOffset(2026, 2, 13, 15, 0, 0, Beijing);
        var early = new DateTimeOffset(2026, 3, 2, 12, 0, 0, Beijing);
        string Cited(string definition, string? settingArticle)
        {
            var snapshot = Snapshot("province", 20);
            snapshot.Periods["legalityReviewMinimum"] = new SettingPeriod { Days = 7, Counting = DayCounting.WorkingDays, Article = settingArticle };
            var run = new EngineHarness(definition, opened);
            run.Accept(StartCommand() with { Jurisdiction = snapshot }, Drafter);
            run.Now = early;
            return run.Refuse(new WorkflowCommand.CompleteTask(run.OpenTask("review").Id, "lawful", null, null), Reviewer, "minimum-period-not-elapsed").Article!;
        }

        // The period names no article of its own: the jurisdiction's setting carries the rule it applies.
        Assert.Equal("《示范省规定》第八条", Cited(Publication, "《示范省规定》第八条"));
        // The definition's own citation for the period comes first.
        var own = Publication.Replace("{ \"setting\": \"legalityReviewMinimum\" }", "{ \"setting\": \"legalityReviewMinimum\", \"article\": \"第二十六条第二款\" }");
        Assert.Equal("第二十六条第二款", Cited(own, "《示范省规定》第八条"));
        // Neither names one: the step's.
        Assert.Equal("第二十六条", Cited(Publication, null));
    }

    [Fact]
    public void The_same_definition_started_in_two_jurisdictions_gets_different_due_dates()
    {
        // Both reviews (opened Tuesday 03-10) may end from 2026-03-20 00:00; publication opens Friday 2026-03-20.
        var dates = new[] { Snapshot("default", 20), Snapshot("example-province", 15) }.Select(j =>
        {
            var run = Started(j);
            run.Now = new DateTimeOffset(2026, 3, 20, 10, 0, 0, Beijing);
            run.Complete("review", "lawful", Reviewer);
            return run.OpenTask("publish");
        }).ToList();

        // 20 working days from 03-20: 03-23 … 04-03 (10), Qingming 04-04..06 off, 04-07 … 04-20 (20); 15 end on 04-13.
        Assert.Equal(new DateTimeOffset(2026, 4, 21, 0, 0, 0, Beijing), dates[0].DueAt);
        Assert.Equal(new DateTimeOffset(2026, 4, 14, 0, 0, 0, Beijing), dates[1].DueAt);
        Assert.Contains("（default）设置 publicationDeadline（20个工作日", dates[0].DueRule);
        Assert.Contains("（example-province）设置 publicationDeadline（15个工作日", dates[1].DueRule);
    }

    [Fact]
    public void Periods_are_counted_in_the_jurisdictions_time_zone()
    {
        // 00:30 on Wednesday 03-11 in Beijing is still Tuesday 03-10 (22:30) in Urumqi (UTC+6): counting starts a day earlier there.
        var start = new DateTimeOffset(2026, 3, 11, 0, 30, 0, Beijing);
        var beijing = Started(Snapshot("east", 20), start).OpenTask("review");
        var urumqi = Started(Snapshot("west", 20, "Asia/Urumqi"), start).OpenTask("review");

        // 7 working days after 03-11 → 03-20; after 03-10 → 03-19; each ends at local midnight.
        Assert.Equal(new DateTimeOffset(2026, 3, 21, 0, 0, 0, Beijing), beijing.NotBefore);
        Assert.Equal(new DateTimeOffset(2026, 3, 20, 0, 0, 0, TimeSpan.FromHours(6)), urumqi.NotBefore);
    }

    [Fact]
    public void A_start_without_the_setting_is_refused()
    {
        var run = new EngineHarness(Publication);
        var none = run.Refuse(StartCommand(), Drafter, "jurisdiction-setting-missing");
        Assert.Contains("legalityReviewMinimum、publicationDeadline", none.Message);
        Assert.Contains("legalityReviewMinimum, publicationDeadline", none.TextIn(TextCatalog.English));

        var partial = Snapshot("thin", 20);
        partial.Periods.Remove("publicationDeadline");
        var missing = run.Refuse(StartCommand() with { Jurisdiction = partial }, Drafter, "jurisdiction-setting-missing");
        Assert.Contains("(thin): publicationDeadline", missing.TextIn(TextCatalog.English));
    }

    [Fact]
    public void A_start_in_an_unknown_time_zone_is_refused()
    {
        var run = new EngineHarness(Publication);
        run.Refuse(StartCommand() with { Jurisdiction = Snapshot("nowhere", 20, "Nowhere/City") }, Drafter, "unknown-time-zone");
    }

    [Fact]
    public void The_validator_accepts_only_declared_setting_names()
    {
        DefinitionAssert.SingleError(Publication.Replace("\"publicationDeadline\"", "\"publicationDeadlin\""),
            "$.steps[1].due.setting", "unknown jurisdiction setting 'publicationDeadlin'");
        Assert.Empty(DefinitionAssert.Check(Publication));
    }

    [Fact]
    public void A_period_with_both_a_setting_and_days_is_refused_by_the_reader()
    {
        DefinitionAssert.SingleError(
            Publication.Replace("{ \"setting\": \"publicationDeadline\" }", "{ \"setting\": \"publicationDeadline\", \"days\": 5 }"),
            "$.steps[1].due", "not both");
    }
}
