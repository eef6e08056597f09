using RuleOfLaw.Workflow.AfterDecision;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Organizations;
using static RuleOfLaw.Workflow.Tests.AfterDecision.AfterDecisionRulesTests;

namespace RuleOfLaw.Workflow.Tests.AfterDecision;

/// <summary>Execution (第三十四条至第三十七条) and post-decision evaluation (第三十六条) as plain rules.</summary>
public sealed class ExecutionRulesTests
{
    private static readonly Actor Officer = Holding(("unit", Roles.ExecutionOfficer));
    private static readonly Actor Chief = Holding(("gov", Roles.ChiefExecutive));
    private static readonly SuspensionState Running = new(false, null);

    [Fact]
    public void The_execution_unit_reports_progress_or_a_problem_after_issuance()
    {
        Refused(Execution.Report(Chief, "unit", ExecutionEventKinds.Progress, "进展。", true), "forbidden", RefusalClass.Forbidden, "第三十四条");
        Refused(Execution.Report(Officer, "unit", "rumour", "进展。", true), "invalid-report", RefusalClass.Invalid, "第三十四条、第三十五条");
        Refused(Execution.Report(Officer, "unit", ExecutionEventKinds.Problem, " ", true), "invalid-report", RefusalClass.Invalid, "第三十四条、第三十五条");
        Refused(Execution.Report(Officer, "unit", ExecutionEventKinds.Progress, "进展。", false), "decision-not-issued", RefusalClass.Conflict, "第三十四条");
        Assert.Null(Execution.Report(Officer, "unit", ExecutionEventKinds.Problem, "问题。", true));
        Assert.Equal("第三十五条", Execution.ArticleOf(ExecutionEventKinds.Problem));
    }

    [Fact]
    public void The_chief_executive_suspends_and_resumes_with_a_reason_not_twice()
    {
        Refused(Execution.Suspend(Officer, "gov", "理由。", true, Running, suspend: true), "forbidden", RefusalClass.Forbidden, "第三十七条");
        Refused(Execution.Suspend(Chief, "gov", " ", true, Running, suspend: true), "reason-required", RefusalClass.Invalid, "第三十七条");
        Refused(Execution.Suspend(Chief, "gov", "理由。", false, Running, suspend: true), "decision-not-issued", RefusalClass.Conflict, "第三十七条");
        Refused(Execution.Suspend(Chief, "gov", "理由。", true, new SuspensionState(true, "先前。"), suspend: true), "already-suspended", RefusalClass.Conflict, "第三十七条");
        Refused(Execution.Suspend(Chief, "gov", "理由。", true, Running, suspend: false), "not-suspended", RefusalClass.Conflict, "第三十七条");
        Assert.Null(Execution.Suspend(Chief, "gov", "理由。", true, Running, suspend: true));
    }

    [Fact]
    public void Where_the_definition_states_suspension_only_a_running_execution_is_suspended_and_only_a_suspended_one_resumed()
    {
        Refused(Execution.Suspend(Officer, "gov", "理由。", true, ExecutionPhase.Running, suspend: true), "forbidden", RefusalClass.Forbidden, "第三十七条");
        Refused(Execution.Suspend(Chief, "gov", " ", true, ExecutionPhase.Running, suspend: true), "reason-required", RefusalClass.Invalid, "第三十七条");
        Refused(Execution.Suspend(Chief, "gov", "理由。", false, ExecutionPhase.NotRunning, suspend: true), "decision-not-issued", RefusalClass.Conflict, "第三十七条");
        Refused(Execution.Suspend(Chief, "gov", "理由。", true, ExecutionPhase.NotRunning, suspend: true), "execution-not-running", RefusalClass.Conflict, "第三十七条");
        Refused(Execution.Suspend(Chief, "gov", "理由。", true, ExecutionPhase.Suspended, suspend: true), "already-suspended", RefusalClass.Conflict, "第三十七条");
        Refused(Execution.Suspend(Chief, "gov", "理由。", true, ExecutionPhase.Running, suspend: false), "not-suspended", RefusalClass.Conflict, "第三十七条");
        Refused(Execution.Suspend(Chief, "gov", "理由。", true, ExecutionPhase.NotRunning, suspend: false), "not-suspended", RefusalClass.Conflict, "第三十七条");
        Assert.Null(Execution.Suspend(Chief, "gov", "理由。", true, ExecutionPhase.Running, suspend: true));
        Assert.Null(Execution.Suspend(Chief, "gov", "理由。", true, ExecutionPhase.Suspended, suspend: false));
    }

    [Fact]
    public void The_last_suspension_or_resumption_decides()
    {
        var at = DateTimeOffset.UnixEpoch;
        Assert.Equal(new SuspensionState(true, "二次中止。"), Execution.Suspension([
            new(ExecutionEventKinds.Suspended, "二次中止。", at.AddDays(3)), new(ExecutionEventKinds.Suspended, "中止。", at),
            new(ExecutionEventKinds.Resumed, "恢复。", at.AddDays(1)), new(ExecutionEventKinds.Progress, "进展。", at.AddDays(4))]));
        Assert.False(Execution.Suspension([new(ExecutionEventKinds.Suspended, "中止。", at), new(ExecutionEventKinds.Resumed, "恢复。", at.AddDays(1))]).Suspended);
    }

    [Fact]
    public void An_adjustment_is_opened_by_the_chief_executive_or_the_drafting_head_with_a_reason_after_issuance()
    {
        var head = Holding(("drafting", Roles.DraftingHead));
        Refused(Execution.Adjust(Officer, "gov", "drafting", "调整", "理由。", true), "forbidden", RefusalClass.Forbidden, "第三十五条、第三十七条");
        Refused(Execution.Adjust(head, "gov", "drafting", "调整", " ", true), "reason-required", RefusalClass.Invalid, "第三十五条、第三十七条");
        Refused(Execution.Adjust(Chief, "gov", "drafting", "调整", "理由。", false), "decision-not-issued", RefusalClass.Conflict, "第三十五条、第三十七条");
        Assert.Null(Execution.Adjust(head, "gov", "drafting", "调整", "理由。", true));
    }

    [Fact]
    public void The_public_objects_with_bounded_words_to_an_issued_disclosable_decision()
    {
        Refused(Execution.Objection(" ", null, null), "invalid-objection", RefusalClass.Invalid, "第三十五条");
        Refused(Execution.Objection(new string('意', Execution.MaxObjectionText + 1), null, null), "invalid-objection", RefusalClass.Invalid, "第三十五条");
        Refused(Execution.Objection("意见。", new string('名', 101), null), "invalid-objection", RefusalClass.Invalid, "第三十五条");
        Assert.Null(Execution.Objection("意见。", "王五", "电话"));
        Refused(Execution.NotInExecution(), "not-found", RefusalClass.NotFound, null);
        Refused(Execution.KeyReused(), "idempotency-key-reused", RefusalClass.Conflict, null);
        Refused(Execution.TooLarge(), "request-too-large", RefusalClass.TooLarge, null);

        var state = State();
        Assert.False(Execution.AcceptsObjections(state, disclosable: true));
        state.Steps[AfterDecisionSteps.PartyCommitteeReport] = new StepState { StepId = AfterDecisionSteps.PartyCommitteeReport, Status = StepStatus.Completed };
        Assert.True(Execution.AcceptsObjections(state, disclosable: true));
        Assert.False(Execution.AcceptsObjections(state, disclosable: false));
        state.Status = InstanceStatus.Cancelled;
        Assert.False(Execution.AcceptsObjections(state, disclosable: true));
    }

    [Fact]
    public void The_decision_organ_orders_an_evaluation_by_a_unit_that_did_not_assess_before()
    {
        var none = new HashSet<string>();
        Refused(Evaluation.Start(Officer, "gov", false, "annual-plan", true, "eval", "评估中心", none), "forbidden", RefusalClass.Forbidden, "第三十六条");
        Refused(Evaluation.Start(Chief, "gov", false, "whim", true, "eval", "评估中心", none), "invalid-trigger", RefusalClass.Invalid, "第三十六条");
        Refused(Evaluation.Start(Chief, "gov", false, "annual-plan", false, "eval", "评估中心", none), "decision-not-issued", RefusalClass.Conflict, "第三十六条");
        Refused(Evaluation.Start(Chief, "gov", false, "annual-plan", true, "nowhere", null, none), "unknown-organization", RefusalClass.Invalid, "第三十六条");
        var assessed = Evaluation.Start(Chief, "gov", false, "annual-plan", true, "eval", "评估中心", new HashSet<string> { "eval" });
        Refused(assessed, "evaluator-was-assessor", RefusalClass.Conflict, "第三十六条");
        Assert.Contains("评估中心", assessed!.Message);
        Assert.Null(Evaluation.Start(Officer, "gov", true, "many-objections", true, "eval", "评估中心", none));
    }

    [Fact]
    public void The_evaluator_hears_input_before_concluding_and_concludes_once()
    {
        var evaluator = Holding(("eval", Roles.Evaluator));
        Refused(Evaluation.NotFound(), "not-found", RefusalClass.NotFound, null);
        Refused(Evaluation.Evaluator(Chief, new EvaluationFacts("eval", false)), "forbidden", RefusalClass.Forbidden, "第三十六条");
        Refused(Evaluation.Evaluator(evaluator, new EvaluationFacts("eval", true)), "evaluation-completed", RefusalClass.Conflict, "第三十六条");
        Assert.Null(Evaluation.Evaluator(evaluator, new EvaluationFacts("eval", false)));
        Refused(Evaluation.Input("rumour", "意见。"), "invalid-input", RefusalClass.Invalid, "第三十六条");
        Refused(Evaluation.Input("npc-deputy", " "), "invalid-input", RefusalClass.Invalid, "第三十六条");
        Assert.Null(Evaluation.Input("npc-deputy", "意见。"));
        Refused(Evaluation.Complete("abandon", "结论。", true), "invalid-outcome", RefusalClass.Invalid, "第三十六条");
        Refused(Evaluation.Complete("adjust", "结论。", false), "public-input-required", RefusalClass.Conflict, "第三十六条");
        Assert.Null(Evaluation.Complete("adjust", "结论。", true));
    }

    [Fact]
    public void The_assessors_are_who_completed_the_risk_assessment_or_expert_argumentation_and_the_assigned_risk_body()
    {
        var state = State();
        state.Tasks.Add(new WorkTask
        {
            Id = Guid.NewGuid(), StepId = "expert-argumentation", Iteration = 1, Role = Roles.Evaluator, Scope = "x", OrganizationId = "experts",
            Status = WorkTaskStatus.Completed, CreatedAt = DateTimeOffset.UnixEpoch,
        });
        state.Assignments[OrganizationScopes.RiskAssessmentBody] = "risk-body";
        Assert.Equal(["experts"], Evaluation.Assessors(state));
        state.Steps["risk-assessment"] = new StepState { StepId = "risk-assessment", Status = StepStatus.Completed };
        Assert.Equal(new HashSet<string> { "experts", "risk-body" }, Evaluation.Assessors(state));
    }
}
