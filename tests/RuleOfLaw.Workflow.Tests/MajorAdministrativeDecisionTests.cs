using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Engine.Journal;
using RuleOfLaw.Workflow.Tests.TestSupport;

namespace RuleOfLaw.Workflow.Tests;

/// <summary>
/// The shipped definition workflows/major-administrative-decision.json, validated against the product's vocabulary
/// and run end to end through the engine with the real holiday calendars.
/// </summary>
public sealed class MajorAdministrativeDecisionTests
{
    private static ProcedureDriver Driver() => new(RepositoryFiles.MajorAdministrativeDecision);

    [Fact]
    public void The_workflows_directory_loads_with_the_product_vocabulary()
    {
        // The two shipped procedures load with the product vocabulary; the other one is the normative documents' (issue 14).
        Assert.Equal(["major-administrative-decision", "normative-document"], RepositoryFiles.LoadedDefinitions.Select(d => d.Id).Order(StringComparer.Ordinal));
        var definition = Assert.Single(RepositoryFiles.LoadedDefinitions, d => d.Id == "major-administrative-decision");

        Assert.Equal(("major-administrative-decision", 7), (definition.Id, definition.Version));
        Assert.Equal("initiation", definition.Start);
        Assert.EndsWith(Path.Combine("workflows", "major-administrative-decision.json"), definition.SourceFile);
        Assert.Equal(64, definition.ContentHash!.Length);
    }

    [Fact]
    public void Every_role_and_scope_the_definition_uses_is_in_the_vocabulary()
    {
        var definition = RepositoryFiles.MajorAdministrativeDecision;

        Assert.All(definition.Steps.Where(s => s.Role is not null), s => Assert.Contains(s.Role!, ProcedureVocabulary.Instance.Roles));
        Assert.All(definition.Scopes(), scope => Assert.Contains(scope, ProcedureVocabulary.Instance.Scopes));
    }

    [Fact]
    public void With_every_attribute_true_the_matter_runs_to_completion()
    {
        var run = Driver();
        run.StartWithAll(true);

        // Tasks opened together are taken in step-id order, so the sequence below is deterministic.
        run.RunHappyPath();

        Assert.Equal(InstanceStatus.Completed, run.Current.Status);
        Assert.Equal(
            [
                "initiation", "expert-argumentation", "fair-competition-review", "risk-assessment", "opinion-consolidation",
                "legality-submission", "legality-intake", "legal-counsel-opinion", "legality-review", "meeting-scheduling",
                "collective-decision", "party-committee-report", "archiving", "execution", "filing", "post-decision-evaluation",
            ],
            run.Completed);
        Assert.Equal(StepStatus.Completed, run.Current.Steps["risk-cleared"].Status);
        Assert.Equal(
            ["public-participation", "publication", "specific-group-consultation"],
            run.Current.Steps.Values.Where(s => s.Status == StepStatus.Skipped).Select(s => s.StepId).Order());
        Assert.Empty(run.Current.OpenTasks());
        Assert.True(JournalVerifier.Verify(run.Journal, run.Current.JournalSequence, run.Current.JournalHead).Valid);
    }

    [Fact]
    public void With_every_attribute_false_the_matter_runs_to_completion()
    {
        var run = Driver();
        run.StartWithAll(false);

        run.RunHappyPath();

        Assert.Equal(InstanceStatus.Completed, run.Current.Status);
        Assert.Equal(
            [
                "initiation", "public-participation", "opinion-consolidation", "legality-submission", "legality-intake",
                "legal-counsel-opinion", "legality-review", "meeting-scheduling", "collective-decision", "party-committee-report",
                "archiving", "filing", "publication", "execution",
            ],
            run.Completed);
        Assert.Equal(
            ["expert-argumentation", "fair-competition-review", "post-decision-evaluation", "risk-assessment", "risk-cleared", "specific-group-consultation"],
            run.Current.Steps.Values.Where(s => s.Status == StepStatus.Skipped).Select(s => s.StepId).Order());
        var calculator = RepositoryFiles.Calculator();
        foreach (var (step, days, counting) in new[] { ("publication", 20, DayCounting.WorkingDays), ("filing", 15, DayCounting.Calendar), ("archiving", 30, DayCounting.Calendar) })
        {
            var task = run.Current.Tasks.Single(t => t.StepId == step);
            Assert.Equal(calculator.AfterDays(task.CreatedAt, days, counting).EndsAtUtc, task.DueAt);
        }
        Assert.True(JournalVerifier.Verify(run.Journal, run.Current.JournalSequence, run.Current.JournalHead).Valid);
    }

    [Fact]
    public void A_non_disclosable_matter_skips_public_participation_citing_the_condition_and_articles()
    {
        var run = Driver();
        run.Start(new Dictionary<string, bool> { ["notDisclosable"] = true, ["technical"] = true });

        run.Complete("initiation", "draft-prepared");

        var participation = run.Current.Steps["public-participation"];
        Assert.Equal(StepStatus.Skipped, participation.Status);
        Assert.Contains("!notDisclosable", participation.SkipReason);
        Assert.Contains("notDisclosable=true", participation.SkipReason);
        Assert.Contains("第十四条至第十八条", participation.SkipReason);
        Assert.DoesNotContain(run.Current.Tasks, t => t.StepId == "public-participation");
        Assert.Equal(StepStatus.Skipped, run.Current.Steps["specific-group-consultation"].Status);
        Assert.Equal(["expert-argumentation"], run.OpenSteps());
        Assert.Equal(StepStatus.Waiting, run.Current.Steps["opinion-consolidation"].Status);

        run.Complete("expert-argumentation", "opinion-submitted");

        Assert.Equal(["opinion-consolidation"], run.OpenSteps());
    }

    [Fact]
    public void A_disclosable_matter_opens_public_participation()
    {
        var run = Driver();
        run.Start(new Dictionary<string, bool> { ["notDisclosable"] = false });

        run.Complete("initiation", "draft-prepared");

        Assert.Equal(["public-participation"], run.OpenSteps());
        Assert.Equal("org-drafting-unit", run.OpenTask("public-participation").OrganizationId);
    }

    [Fact]
    public void The_legality_review_minimum_protects_the_office_from_the_submission_without_holding_its_task_back_art_26()
    {
        var run = Driver();
        run.StartWithAll(false);
        run.RunHappyPath(stop: task => task.StepId == "legality-review");
        var review = run.OpenTask("legality-review");
        Assert.Null(review.NotBefore);
        var minimum = RepositoryFiles.MajorAdministrativeDecision.Step("legality-review").Minimum!;
        Assert.Equal(("legalityReviewMinimum", "legality-submission", PeriodRestriction.Requests, "第二十六条"),
            (minimum.Setting, minimum.From, minimum.Restricts, minimum.Article));
        // A date asked of the review is counted from the submission's completion, and one day short is refused.
        var engine = new WorkflowEngine(RepositoryFiles.Calculator());
        var submitted = run.Current.Steps["legality-submission"].FinishedAt!.Value;
        var check = engine.CheckRequestedDate(run.Definition, run.Current, "legality-review", run.Now, run.Now, null, null);
        Assert.Equal(RepositoryFiles.Calculator().AfterDays(submitted, 7, DayCounting.WorkingDays).EndsAtUtc, check.Minimum!.EndsAtUtc);
        var early = engine.CheckRequestedDate(run.Definition, run.Current, "legality-review", run.Now, run.Now, check.Minimum.EndsAtUtc.AddDays(-1), null);
        Assert.Equal(("requested-date-too-early", "第二十六条"), (Assert.Single(early.Refusals).Code, early.Refusals[0].Article));
    }

    [Fact]
    public void Needs_revision_sends_the_draft_back_through_a_fresh_submission_to_a_new_review()
    {
        var run = Driver();
        run.StartWithAll(false);
        run.RunHappyPath(stop: task => task.StepId == "legality-review");
        var firstReview = run.OpenTask("legality-review");

        var withoutReason = run.Decide(
            new WorkflowCommand.CompleteTask(firstReview.Id, "needs-revision", null, null), run.Person("legality-reviewer", "legality-review-office"));
        Assert.Equal("comment-required", Assert.Single(withoutReason.Refusals).Code);

        run.Complete("legality-review", "needs-revision", comment: "第五条缺少上位法依据");

        Assert.Equal(["draft-revision"], run.OpenSteps());
        run.Complete("draft-revision", "revised");
        Assert.Equal(["legality-submission"], run.OpenSteps());
        Assert.Equal(2, run.OpenTask("legality-submission").Iteration);
        run.Complete("legality-submission", "submitted");
        run.Complete("legality-intake", "accepted");
        run.Complete("legal-counsel-opinion", "opinion-given");

        var secondReview = run.OpenTask("legality-review");
        Assert.Equal(2, secondReview.Iteration);
        Assert.Equal(2, run.Current.Steps["legality-review"].Iteration);
        Assert.NotEqual(firstReview.Id, secondReview.Id);
        var first = run.Current.Tasks.Single(t => t.Id == firstReview.Id);
        Assert.Equal((WorkTaskStatus.Completed, "needs-revision", "第五条缺少上位法依据"), (first.Status, first.Outcome, first.Comment));

        run.RunHappyPath();

        Assert.Equal(InstanceStatus.Completed, run.Current.Status);
        Assert.True(JournalVerifier.Verify(run.Journal, run.Current.JournalSequence, run.Current.JournalHead).Valid);
    }

    [Fact]
    public void Tasks_are_refused_to_people_without_the_role_in_the_assigned_organization()
    {
        var run = Driver();
        run.StartWithAll(false);
        var initiation = run.OpenTask("initiation");

        var byReviewer = run.Decide(
            new WorkflowCommand.CompleteTask(initiation.Id, "draft-prepared", null, null), run.Person("legality-reviewer", "legality-review-office"));

        Assert.Equal("not-authorized-for-task", Assert.Single(byReviewer.Refusals).Code);
    }

    [Fact]
    public void The_head_decides_only_after_every_member_present_has_spoken_as_a_party_art_30()
    {
        var run = new ProcedureDriver(RepositoryFiles.MajorAdministrativeDecision);
        run.StartWithAll(false);
        run.RunHappyPath(stop: t => t.StepId == "collective-decision");
        var head = run.OpenTask("collective-decision");
        var chief = run.Person("chief-executive", "decision-organ");
        var member = run.Person("meeting-member", "decision-organ");
        var secretary = run.Person("meeting-secretary", "general-office");

        // No party yet, then one who has not spoken: the head is refused, citing art. 30.
        var early = run.Decide(new WorkflowCommand.CompleteTask(head.Id, "approved", null, null, "meeting-record"), chief);
        Assert.Equal(("parties-not-done", "第三十条"), (early.Refusals[0].Code, early.Refusals[0].Article));
        run.Accept(new WorkflowCommand.AddParty("collective-decision", member.Id, member.DisplayName, "出席常务会议"), secretary);
        var party = Assert.Single(run.Current.OpenTasks(), t => t.PartyId == member.Id);
        Assert.Equal("meeting-member", party.Role);
        Assert.Equal("parties-not-done", run.Decide(new WorkflowCommand.CompleteTask(head.Id, "approved", null, null, "meeting-record"), chief).Refusals[0].Code);

        // Her answer is one of the members' positions, given only through the meeting record (the secretary may record it).
        Assert.Equal("use-meeting-record", run.Decide(new WorkflowCommand.CompleteTask(party.Id, "agree", "同意。", null), member).Refusals[0].Code);
        Assert.Equal("unknown-outcome", run.Decide(new WorkflowCommand.CompleteTask(party.Id, "approved", "同意。", null, "meeting-record"), member).Refusals[0].Code);
        run.Accept(new WorkflowCommand.CompleteTask(party.Id, "disagree", "收费偏高。", null, "meeting-record"), secretary);
        run.Accept(new WorkflowCommand.CompleteTask(head.Id, "approved", "通过。", null, "meeting-record"), chief);
        Assert.Contains("party-committee-report", run.OpenSteps());
        Assert.Contains(run.Journal, e => e.Type == JournalEntryTypes.PartyTaskCompleted && e.Outcome == "disagree");
    }

    [Fact]
    public void The_drafting_unit_closes_the_expert_argumentation_only_after_every_panel_expert_has_signed_art_19()
    {
        var run = new ProcedureDriver(RepositoryFiles.MajorAdministrativeDecision);
        run.Start(new Dictionary<string, bool> { ["technical"] = true, ["notDisclosable"] = true });
        run.Complete("initiation", "draft-prepared");
        var closing = run.OpenTask("expert-argumentation");
        var drafter = run.Person("drafting-officer", "drafting-unit");
        var expert = run.Person("expert", "expert-pool");
        Assert.Equal(("drafting-officer", "org-drafting-unit"), (closing.Role, closing.OrganizationId));

        // No expert yet, then one who has not signed: the drafting unit is refused, citing arts. 19-21.
        var early = run.Decide(new WorkflowCommand.CompleteTask(closing.Id, "opinion-submitted", null, null), drafter);
        Assert.Equal(("parties-not-done", "第十九条至第二十一条"), (early.Refusals[0].Code, early.Refusals[0].Article));
        run.Accept(new WorkflowCommand.AddParty("expert-argumentation", expert.Id, expert.DisplayName, "入选论证专家组"), drafter);
        var party = Assert.Single(run.Current.OpenTasks(), t => t.PartyId == expert.Id);
        Assert.Equal(("expert", "org-expert-pool"), (party.Role, party.OrganizationId));
        Assert.Equal("parties-not-done", run.Decide(new WorkflowCommand.CompleteTask(closing.Id, "opinion-submitted", null, null), drafter).Refusals[0].Code);

        // Her task is completed only by her signed opinion (the expert module's command), by herself.
        Assert.Equal("use-expert-opinion", run.Decide(new WorkflowCommand.CompleteTask(party.Id, "opinion-signed", null, null), expert).Refusals[0].Code);
        Assert.Equal("not-authorized-for-task", run.Decide(new WorkflowCommand.CompleteTask(party.Id, "opinion-signed", null, null, "expert-opinion"), drafter).Refusals[0].Code);
        run.Accept(new WorkflowCommand.CompleteTask(party.Id, "opinion-signed", null, null, "expert-opinion"), expert);
        run.Accept(new WorkflowCommand.CompleteTask(closing.Id, "opinion-submitted", null, null), drafter);
        Assert.Equal(["opinion-consolidation"], run.OpenSteps());
        Assert.Contains(run.Journal, e => e.Type == JournalEntryTypes.PartyTaskCompleted && e.StepId == "expert-argumentation" && e.Outcome == "opinion-signed");
    }
}
