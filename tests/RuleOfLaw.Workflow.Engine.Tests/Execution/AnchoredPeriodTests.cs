using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Journal;
using RuleOfLaw.Workflow.Engine.Tests.Definitions;
using static RuleOfLaw.Workflow.Engine.Tests.Execution.EngineHarness;

namespace RuleOfLaw.Workflow.Engine.Tests.Execution;

/// <summary>
/// Periods anchored on another step (<c>from</c>), minimums that restrict the dates asked of a step instead of its
/// completion (art. 26), conditional periods (<c>when</c>, art. 15 with its reason) and per-period citations.
/// </summary>
public sealed class AnchoredPeriodTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private const string Review = """
        {
          "id": "anchored", "version": 1, "title": "期限锚定", "legalBasis": "测试",
          "attributes": [ { "name": "urgent", "title": "情况紧急" } ],
          "start": "consultation",
          "steps": [
            { "id": "consultation", "kind": "humanTask", "title": "公开征求意见", "article": "第十四条至第十八条",
              "role": "drafting-officer", "organization": "drafting-unit",
              "minimum": { "days": 30, "counting": "calendar", "when": "!urgent", "restricts": "requests", "reasonIfShorter": true, "article": "第十五条" },
              "outcomes": [ { "id": "heard", "title": "已听取意见" } ], "next": ["submission"] },
            { "id": "submission", "kind": "humanTask", "title": "送请合法性审查", "article": "第二十五条、第二十六条",
              "role": "drafting-officer", "organization": "drafting-unit",
              "outcomes": [ { "id": "submitted", "title": "已送审" } ], "next": ["intake"] },
            { "id": "intake", "kind": "humanTask", "title": "接收", "article": "第二十六条",
              "role": "legality-reviewer", "organization": "legality-review-office",
              "outcomes": [ { "id": "accepted", "title": "接收" } ], "next": ["review"] },
            { "id": "review", "kind": "humanTask", "title": "合法性审查", "article": "第二十六条至第二十八条",
              "role": "legality-reviewer", "organization": "legality-review-office",
              "minimum": { "days": 7, "counting": "workingDays", "from": "submission", "restricts": "requests", "article": "第二十六条" },
              "due": { "days": 15, "counting": "workingDays", "from": "submission" },
              "outcomes": [ { "id": "lawful", "title": "合法" } ] }
          ]
        }
        """;

    [Fact]
    public void A_requested_date_inside_the_minimum_counted_from_the_submission_is_refused_with_the_periods_article()
    {
        // Submitted on Wednesday 2026-04-29: 7 working days across Labour Day end on 2026-05-12.
        var run = new EngineHarness(Review, new DateTimeOffset(2026, 4, 29, 10, 0, 0, Beijing));
        run.Start();
        run.Complete("consultation", "heard", Drafter);

        var early = Check(run, "review", new DateTimeOffset(2026, 5, 12, 0, 0, 0, Beijing));
        var refusal = Assert.Single(early.Refusals);
        Assert.Equal((RequestedDateCheck.TooEarly, "第二十六条"), (refusal.Code, refusal.Article));
        Assert.Contains("2026-05-12", refusal.Message);
        Assert.Equal(new DateOnly(2026, 5, 12), early.Minimum!.LastDay);

        Assert.Empty(Check(run, "review", new DateTimeOffset(2026, 5, 13, 0, 0, 0, Beijing)).Refusals);
    }

    [Fact]
    public void A_minimum_that_restricts_requests_lets_the_step_finish_earlier_and_counts_from_its_anchor()
    {
        var run = new EngineHarness(Review, new DateTimeOffset(2026, 4, 29, 10, 0, 0, Beijing));
        run.Start();
        run.Complete("consultation", "heard", Drafter);
        run.Complete("submission", "submitted", Drafter);
        run.Now = new DateTimeOffset(2026, 5, 6, 9, 0, 0, Beijing);
        run.Complete("intake", "accepted", Reviewer);

        // The due date counts from the submission (04-29), not from the review's activation (05-06).
        var review = run.OpenTask("review");
        Assert.Null(review.NotBefore);
        Assert.Equal(run.Step("submission").FinishedAt, new DateTimeOffset(2026, 4, 29, 10, 0, 0, Beijing));
        Assert.True(review.DueAt < new DateTimeOffset(2026, 5, 27, 0, 0, 0, Beijing), review.DueRule);
        // The office answers on day 6: allowed (art. 26 protects it, it does not bind it).
        run.Now = new DateTimeOffset(2026, 5, 7, 9, 0, 0, Beijing);
        Assert.Equal(InstanceStatus.Completed, run.Complete("review", "lawful", Reviewer).Status);
    }

    [Fact]
    public void A_conditional_minimum_binds_unless_its_condition_is_false_and_then_needs_the_reason()
    {
        var opens = new DateTimeOffset(2026, 3, 10, 10, 0, 0, Beijing);
        var shortEnd = new DateTimeOffset(2026, 3, 20, 0, 0, 0, Beijing);

        var ordinary = new EngineHarness(Review, opens);
        ordinary.Start();
        var refused = Assert.Single(Check(ordinary, "consultation", shortEnd).Refusals);
        Assert.Equal((RequestedDateCheck.TooEarly, "第十五条"), (refused.Code, refused.Article));
        // A reason does not lift a binding minimum.
        Assert.Equal(RequestedDateCheck.TooEarly, Assert.Single(Check(ordinary, "consultation", shortEnd, "理由").Refusals).Code);

        var urgent = new EngineHarness(Review, opens);
        urgent.Start(("urgent", true));
        var check = Check(urgent, "consultation", shortEnd);
        Assert.False(check.Binding);
        var noReason = Assert.Single(check.Refusals);
        Assert.Equal((RequestedDateCheck.ReasonRequired, "第十五条"), (noReason.Code, noReason.Article));
        Assert.Contains("urgent=true", noReason.Message);
        Assert.Empty(Check(urgent, "consultation", shortEnd, "汛期临近。").Refusals);
        // The ordinary end is still reported, for the record of a shortened period.
        Assert.Equal(new DateOnly(2026, 4, 9), check.Minimum!.LastDay);
    }

    [Fact]
    public void A_task_minimum_with_a_false_condition_does_not_hold_the_task_back_and_a_true_one_cites_its_own_article()
    {
        const string json = """
            {
              "id": "conditional-minimum", "version": 1, "title": "条件期限", "legalBasis": "测试",
              "attributes": [ { "name": "urgent", "title": "情况紧急" } ],
              "start": "wait",
              "steps": [
                { "id": "wait", "kind": "humanTask", "title": "等待", "article": "第十条至第十三条", "role": "drafting-officer", "organization": "drafting-unit",
                  "minimum": { "days": 10, "counting": "calendar", "when": "!urgent", "article": "第十五条" },
                  "outcomes": [ { "id": "done", "title": "完成" } ] }
              ]
            }
            """;
        var ordinary = new EngineHarness(json, Tuesday);
        ordinary.Start();
        var refusal = ordinary.Refuse(new WorkflowCommand.CompleteTask(ordinary.OpenTask("wait").Id, "done", null, null), Drafter, "minimum-period-not-elapsed");
        Assert.Equal("第十五条", refusal.Article);

        var urgent = new EngineHarness(json, Tuesday);
        urgent.Start(("urgent", true));
        Assert.Null(urgent.OpenTask("wait").NotBefore);
        Assert.Equal(InstanceStatus.Completed, urgent.Complete("wait", "done", Drafter).Status);
    }

    [Fact]
    public void Period_rules_that_cannot_hold_are_refused_at_load()
    {
        var bad = Review
            .Replace("\"from\": \"submission\", \"restricts\"", "\"from\": \"no-such-step\", \"restricts\"")
            .Replace("\"when\": \"!urgent\"", "\"when\": \"!urgnt\"");
        var errors = DefinitionAssert.Check(bad);
        DefinitionAssert.HasError(errors, "$.steps[3].minimum.from", "step 'no-such-step' does not exist");
        DefinitionAssert.HasError(errors, "$.steps[0].minimum.when", "attribute 'urgnt' is not declared");

        // An anchor that comes after the step, a reason without a condition, a restriction on a due date.
        var later = Review.Replace("\"when\": \"!urgent\",", "\"when\": \"!urgent\", \"from\": \"review\",");
        DefinitionAssert.SingleError(later, "$.steps[0].minimum.from", "counts from 'review', which never leads to 'consultation'");
        var noCondition = Review.Replace("\"when\": \"!urgent\", ", "");
        DefinitionAssert.SingleError(noCondition, "$.steps[0].minimum.reasonIfShorter", "waived by a \"when\"");
        var due = Review.Replace("\"due\": { \"days\": 15, \"counting\": \"workingDays\", \"from\": \"submission\" }",
            "\"due\": { \"days\": 15, \"counting\": \"workingDays\", \"restricts\": \"requests\" }");
        DefinitionAssert.SingleError(due, "$.steps[3].due.restricts", "only a minimum restricts");
    }

    private static RequestedDateCheck Check(EngineHarness run, string step, DateTimeOffset requested, string? reason = null) =>
        run.Engine.CheckRequestedDate(run.Definition, run.Current, step, run.Now, run.Now, requested, reason);
}
