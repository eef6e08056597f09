using RuleOfLaw.Workflow.Engine.Calendar;
using RuleOfLaw.Workflow.Engine.Definitions;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Tests.TestSupport;

namespace RuleOfLaw.Workflow.Tests.NormativeDocuments;

/// <summary>
/// <c>workflows/normative-document.json</c> on the engine, without a server: which steps a document goes through, that
/// the module's commands alone complete its steps, the periods taken from the normative settings, and the endings.
/// </summary>
public sealed class NormativeProcedureTests
{
    private static ProcedureDefinition Definition => RepositoryFiles.LoadedDefinitions.Single(d => d is { Id: NormativeSteps.Definition, Version: 4 });

    private static ProcedureDriver Start(bool government = false, bool market = false, bool consultation = false, bool major = false,
        ProcedureDefinition? definition = null)
    {
        var driver = new ProcedureDriver(definition ?? Definition);
        var draft = new DraftRecord("示范县政府投资项目管理办法", government ? NormativeDocumentKinds.Government : NormativeDocumentKinds.Department,
            false, 5, market, major, ["《政府投资条例》"]);
        driver.Start(NormativeProcedureRules.Attributes(draft, consultation));
        return driver;
    }

    [Fact]
    public void The_definition_names_every_step_the_module_names_and_uses_the_meetings_and_participation_steps()
    {
        Assert.Equal(NormativeSteps.All.Append(NormativeSteps.MajorDecisionProcedure).Order(StringComparer.Ordinal), Definition.Steps.Select(s => s.Id).Order(StringComparer.Ordinal));
        Assert.Equal("meeting-agenda", Definition.Step(NormativeSteps.MeetingScheduling).CompletedBy);
        Assert.Equal("meeting-record", Definition.Step(NormativeSteps.CollectiveDecision).CompletedBy);
        Assert.Equal(global::RuleOfLaw.Workflow.Participation.ParticipationTerms.Step, NormativeSteps.Consultation);
        Assert.Equal(global::RuleOfLaw.Workflow.Meetings.MeetingSteps.CollectiveDecision, NormativeSteps.CollectiveDecision);
        Assert.Equal(NormativeCommands.ReviewOpinion, Definition.Step(NormativeSteps.LegalityReview).CompletedBy);
    }

    [Fact]
    public void Version_2_is_version_3_with_the_head_recording_the_office_meeting_instead_of_the_meetings_steps()
    {
        var two = RepositoryFiles.NormativeDocumentVersion2;
        Assert.Equal(2, two.Version);
        Assert.Equal(NormativeSteps.All.Concat(NormativeSteps.Version2Only).Order(StringComparer.Ordinal), two.Steps.Select(s => s.Id).Order(StringComparer.Ordinal));
        // Version 3: both kinds of document go through the meetings module's steps, with no condition on the kind.
        Assert.Null(Definition.Step(NormativeSteps.MeetingScheduling).When);
        Assert.Null(Definition.Step(NormativeSteps.CollectiveDecision).When);
        Assert.Equal(["meeting-scheduling"], Definition.Step(NormativeSteps.LegalityReview).Outcomes.Single(o => o.Id == "lawful").Next);
    }

    [Fact]
    public void A_department_document_on_version_2_runs_from_drafting_through_its_heads_office_meeting_record()
    {
        var driver = Start(definition: RepositoryFiles.NormativeDocumentVersion2);
        driver.Complete(NormativeSteps.ReviewSubmission, "submitted");
        driver.Complete(NormativeSteps.LegalityReview, "lawful");
        Assert.Equal([NormativeSteps.OfficeMeeting], driver.OpenSteps());
        driver.Complete(NormativeSteps.OfficeMeeting, "adopted");
        Assert.Equal([NormativeSteps.Registration], driver.OpenSteps());
        Assert.False(driver.Current.Steps.ContainsKey(NormativeSteps.MeetingScheduling));
    }

    [Fact]
    public void A_department_document_runs_from_drafting_through_its_office_meeting_to_filing_review()
    {
        var driver = Start();
        // Drafting is recorded when the document is opened; no consultation asked, no market actors: straight to submission.
        Assert.Equal([NormativeSteps.ReviewSubmission], driver.OpenSteps());
        Assert.Equal(StepStatus.Skipped, driver.Current.Steps[NormativeSteps.Consultation].Status);
        Assert.Equal(StepStatus.Skipped, driver.Current.Steps[NormativeSteps.FairCompetition].Status);

        // Only the module's command completes the submission (the generic task path is refused, citing the step).
        var task = driver.OpenTask(NormativeSteps.ReviewSubmission);
        var generic = driver.Decide(new WorkflowCommand.CompleteTask(task.Id, "submitted", null, null), driver.Person("drafting-officer", "drafting-unit"));
        Assert.Equal("use-normative-review-submission", Assert.Single(generic.Refusals).Code);

        driver.Complete(NormativeSteps.ReviewSubmission, "submitted");
        // Opinion 115: at most 15 working days; the review task is due then (the reminders and the escalation count from it).
        var review = driver.OpenTask(NormativeSteps.LegalityReview);
        Assert.NotNull(review.DueAt);
        Assert.Contains("normativeLegalityReviewMaximum", review.DueRule);
        // "Unlawful" sends the draft back for revision and a new submission; it never reaches a meeting.
        var noReason = driver.Decide(new WorkflowCommand.CompleteTask(review.Id, "unlawful", null, null, NormativeCommands.ReviewOpinion),
            driver.Person("legality-reviewer", "legality-review-office"));
        Assert.Equal("comment-required", Assert.Single(noReason.Refusals).Code);
        driver.Complete(NormativeSteps.LegalityReview, "unlawful", "第八条设定罚款，超越权限。");
        Assert.Equal([NormativeSteps.ReviewSubmission], driver.OpenSteps());
        driver.Complete(NormativeSteps.ReviewSubmission, "submitted");
        driver.Complete(NormativeSteps.LegalityReview, "lawful");

        // A department document is deliberated at its office meeting through the meetings module's steps (version 3),
        // arranged by the department's secretary and decided by its head: the steps' scopes are the department's.
        Assert.Equal([NormativeSteps.MeetingScheduling], driver.OpenSteps());
        driver.Complete(NormativeSteps.MeetingScheduling, "scheduled");
        driver.Complete(NormativeSteps.CollectiveDecision, "approved");
        driver.Complete(NormativeSteps.Registration, "registered");
        driver.Complete(NormativeSteps.Publication, "published");
        var filing = driver.OpenTask(NormativeSteps.Filing);
        Assert.Contains("normativeFilingDeadline", filing.DueRule);
        driver.Complete(NormativeSteps.Filing, "filed");
        Assert.Equal(InstanceStatus.Running, driver.Current.Status);
        // Version 4: only the filing module's command sends the filing review's signal (the step's completedBy); the
        // generic signal endpoint's command (no sender named) is refused with the step's article, nothing decided.
        var genericSignal = driver.Decide(new WorkflowCommand.Signal(NormativeCommands.FilingReviewConcluded, "全部备案机关审查通过", null), Actor.System);
        Assert.False(genericSignal.Accepted);
        Assert.Equal(("use-normative-filing-review", RefusalClass.Conflict), (genericSignal.Refusals[0].Code, genericSignal.Refusals[0].Class));
        Assert.Contains("有备必审", genericSignal.Refusals[0].Article);
        driver.Accept(new WorkflowCommand.Signal(NormativeCommands.FilingReviewConcluded, "全部备案机关审查通过", null, NormativeCommands.FilingReview), Actor.System);
        Assert.Equal(InstanceStatus.Completed, driver.Current.Status);
        Assert.False(driver.Current.Steps.ContainsKey(NormativeSteps.OfficeMeeting));
    }

    [Fact]
    public void A_government_document_goes_to_the_executive_meeting_and_a_rejection_goes_back_to_review()
    {
        var driver = Start(government: true, market: true, consultation: true);
        Assert.Equal([NormativeSteps.FairCompetition], driver.OpenSteps());
        driver.Complete(NormativeSteps.FairCompetition, "reviewed");
        Assert.Equal([NormativeSteps.Consultation], driver.OpenSteps());
        driver.Complete(NormativeSteps.Consultation, "opinions-heard");
        driver.Complete(NormativeSteps.ReviewSubmission, "submitted");
        driver.Complete(NormativeSteps.LegalityReview, "lawful");
        Assert.Equal([NormativeSteps.MeetingScheduling], driver.OpenSteps());
        driver.Complete(NormativeSteps.MeetingScheduling, "scheduled");
        driver.Complete(NormativeSteps.CollectiveDecision, "not-approved", "须进一步论证。");
        // Not adopted: revised and reviewed again before it returns to a meeting.
        Assert.Equal([NormativeSteps.ReviewSubmission], driver.OpenSteps());
        driver.Complete(NormativeSteps.ReviewSubmission, "submitted");
        driver.Complete(NormativeSteps.LegalityReview, "lawful");
        driver.Complete(NormativeSteps.MeetingScheduling, "scheduled");
        driver.Complete(NormativeSteps.CollectiveDecision, "approved");
        Assert.Equal([NormativeSteps.Registration], driver.OpenSteps());
        Assert.False(driver.Current.Steps.ContainsKey(NormativeSteps.OfficeMeeting));
    }

    [Fact]
    public void A_document_that_is_also_a_major_decision_runs_that_procedure_as_its_sub_procedure_before_its_review_and_deliberation()
    {
        var step = Definition.Step(NormativeSteps.MajorDecisionProcedure);
        Assert.Equal((StepKind.SubProcedure, NormativeSteps.MajorDecisionDefinition, "majorDecision"), (step.Kind, step.Procedure, step.When?.ToString()));
        Assert.Equal([NormativeAttributes.AffectsMarket], step.PassAttributes);

        var driver = Start(market: true, consultation: true, major: true);
        // The child runs: the document has no open task, its own consultation and fair-competition review wait behind it.
        var waiting = driver.Current.Steps[NormativeSteps.MajorDecisionProcedure];
        Assert.Equal(StepStatus.Active, waiting.Status);
        Assert.NotNull(waiting.ChildInstanceId);
        Assert.Empty(driver.OpenSteps());

        driver.Accept(new WorkflowCommand.ChildEnded(waiting.ChildInstanceId!.Value, InstanceStatus.Completed, null), Actor.System);
        // The child's consultation and fair-competition review were the document's: the document's own are skipped.
        Assert.Equal(StepStatus.Completed, driver.Current.Steps[NormativeSteps.MajorDecisionProcedure].Status);
        Assert.Equal(StepStatus.Skipped, driver.Current.Steps[NormativeSteps.FairCompetition].Status);
        Assert.Equal(StepStatus.Skipped, driver.Current.Steps[NormativeSteps.Consultation].Status);
        Assert.Equal([NormativeSteps.ReviewSubmission], driver.OpenSteps());
        driver.Complete(NormativeSteps.ReviewSubmission, "submitted");
        driver.Complete(NormativeSteps.LegalityReview, "lawful");
        Assert.Equal([NormativeSteps.MeetingScheduling], driver.OpenSteps());
    }

    [Fact]
    public void A_document_not_a_major_decision_starts_no_child_and_a_child_that_did_not_complete_faults_the_document()
    {
        var plain = Start(market: true);
        Assert.Equal(StepStatus.Skipped, plain.Current.Steps[NormativeSteps.MajorDecisionProcedure].Status);
        Assert.Null(plain.Current.Steps[NormativeSteps.MajorDecisionProcedure].ChildInstanceId);
        Assert.Equal([NormativeSteps.FairCompetition], plain.OpenSteps());

        var major = Start(major: true);
        var child = major.Current.Steps[NormativeSteps.MajorDecisionProcedure].ChildInstanceId!.Value;
        major.Accept(new WorkflowCommand.ChildEnded(child, InstanceStatus.Cancelled, "撤销"), Actor.System);
        Assert.Equal(InstanceStatus.Faulted, major.Current.Status);
        Assert.Empty(major.OpenSteps());
    }

    [Fact]
    public void Version_3_has_no_sub_procedure_a_major_decision_document_is_linked_and_the_filing_review_takes_any_sender()
    {
        var three = RepositoryFiles.NormativeDocumentVersion3;
        Assert.Equal(3, three.Version);
        Assert.DoesNotContain(three.Steps, s => s.Id == NormativeSteps.MajorDecisionProcedure);
        Assert.Null(three.Step(NormativeSteps.FilingReview).CompletedBy);
        var driver = Start(market: true, major: true, definition: three);
        Assert.Equal([NormativeSteps.FairCompetition], driver.OpenSteps());
        // Version 4 differs from it by the sub-procedure, the two skips behind it and the filing review's sender only.
        Assert.Equal(three.Steps.Select(s => s.Id).Append(NormativeSteps.MajorDecisionProcedure).Order(StringComparer.Ordinal),
            Definition.Steps.Select(s => s.Id).Order(StringComparer.Ordinal));
        Assert.Equal(NormativeCommands.FilingReview, Definition.Step(NormativeSteps.FilingReview).CompletedBy);
    }

    [Fact]
    public void A_major_decision_counts_for_the_document_only_when_it_completed_with_an_adopted_decision()
    {
        Assert.Equal(MajorDecisionRunStatus.None, MajorDecisionRuns.Judge([]));

        var adopted = new ProcedureDriver(RepositoryFiles.MajorAdministrativeDecision);
        adopted.StartWithAll(false);
        adopted.RunHappyPath(stop: t => t.StepId == "collective-decision");
        Assert.Equal(MajorDecisionRunStatus.Running, MajorDecisionRuns.Judge([adopted.Current]));
        adopted.RunHappyPath();
        Assert.Equal(("approved", InstanceStatus.Completed), (adopted.Current.Steps["collective-decision"].Outcome, adopted.Current.Status));
        Assert.True(MajorDecisionRuns.Adopted(adopted.Current));
        Assert.Equal(MajorDecisionRunStatus.Adopted, MajorDecisionRuns.Judge([adopted.Current]));

        // Withdrawn after an unlawful finding: the instance completes (its branch ends), but nothing was decided.
        var withdrawn = new ProcedureDriver(RepositoryFiles.MajorAdministrativeDecision);
        withdrawn.StartWithAll(false);
        withdrawn.RunHappyPath(stop: t => t.StepId == "legality-review");
        withdrawn.Complete("legality-review", "unlawful", "超越法定权限。");
        withdrawn.Complete("unlawful-disposition", "withdraw", "撤回决策草案。");
        Assert.Equal(InstanceStatus.Completed, withdrawn.Current.Status);
        Assert.False(MajorDecisionRuns.Adopted(withdrawn.Current));
        Assert.Equal(MajorDecisionRunStatus.NotAdopted, MajorDecisionRuns.Judge([withdrawn.Current]));

        // Cancelled: nothing decided either; beside an adopted run (a linked matter and a child), the adopted one counts.
        var cancelled = new ProcedureDriver(RepositoryFiles.MajorAdministrativeDecision);
        cancelled.StartWithAll(false);
        cancelled.Accept(new WorkflowCommand.Cancel("决策事项撤销。"), cancelled.Person("drafting-head", "drafting-unit"));
        Assert.Equal(InstanceStatus.Cancelled, cancelled.Current.Status);
        Assert.Equal(MajorDecisionRunStatus.NotAdopted, MajorDecisionRuns.Judge([cancelled.Current]));
        Assert.Equal(MajorDecisionRunStatus.Adopted, MajorDecisionRuns.Judge([cancelled.Current, adopted.Current]));
        var running = new ProcedureDriver(RepositoryFiles.MajorAdministrativeDecision);
        running.StartWithAll(false);
        Assert.Equal(MajorDecisionRunStatus.Running, MajorDecisionRuns.Judge([withdrawn.Current, running.Current]));
    }

    [Fact]
    public void The_consultation_minimum_in_the_snapshot_is_the_one_that_applies_to_the_draft()
    {
        var jurisdiction = RepositoryFiles.Jurisdiction("default");
        var general = NormativeProcedureRules.Snapshot(jurisdiction, affectsMarketActors: false).Periods[NormativeProcedureRules.ConsultationMinimumSetting];
        var market = NormativeProcedureRules.Snapshot(jurisdiction, affectsMarketActors: true).Periods[NormativeProcedureRules.ConsultationMinimumSetting];
        Assert.Equal((7, DayCounting.WorkingDays), (general.Days, general.Counting));
        Assert.Equal((30, DayCounting.Calendar), (market.Days, market.Counting));
        Assert.Contains("30日", market.Article);
        // Every snapshot carries the normative periods (the general consultation minimum), as the vocabulary lists them.
        Assert.Subset(jurisdiction.Snapshot().Periods.Keys.ToHashSet(), NormativeProcedureRules.SettingNames.ToHashSet());
    }

    [Fact]
    public void A_government_document_on_the_procedure_is_not_recorded_as_an_office_meeting()
    {
        var refusal = DeliberationRules.CheckOfficeMeeting(NormativeDocumentKinds.Government, onProcedure: true);
        Assert.Equal("deliberation-at-executive-meeting", refusal?.Code);
        Assert.Equal(RefusalClass.Conflict, refusal!.Class);
        Assert.Contains("严格落实集体审议制度", refusal.Article);
        Assert.Null(DeliberationRules.CheckOfficeMeeting(NormativeDocumentKinds.Department, onProcedure: true));
        Assert.Null(DeliberationRules.CheckOfficeMeeting(NormativeDocumentKinds.Government, onProcedure: false));
        // Version 3: a department document's office meeting is the meetings module's too, so the head's record is refused.
        var department = DeliberationRules.CheckOfficeMeeting(NormativeDocumentKinds.Department, onProcedure: true, recordedByHead: false);
        Assert.Equal(("deliberation-at-office-meeting", RefusalClass.Conflict), (department?.Code, department?.Class));
        Assert.Contains("严格落实集体审议制度", department!.Article);
        Assert.Null(DeliberationRules.CheckOfficeMeeting(NormativeDocumentKinds.Department, onProcedure: false, recordedByHead: false));
    }
}
