using RuleOfLaw.Workflow.AfterDecision;
using RuleOfLaw.Workflow.Meetings;
using RuleOfLaw.Workflow.Server.Modules;

namespace RuleOfLaw.Workflow.Server.AfterDecision;

/// <summary>After the decision: party-committee report, publication, filing, archiving, execution, evaluation (第三十一条至第三十八条).</summary>
public sealed class AfterDecisionDescriptor : ModuleDescriptor
{
    public override string Name => "after-decision";

    public override IReadOnlyList<string> Steps =>
    [
        AfterDecisionSteps.PartyCommitteeReport, AfterDecisionSteps.Publication, AfterDecisionSteps.Filing, AfterDecisionSteps.Archiving,
        AfterDecisionSteps.Execution, AfterDecisionSteps.ExecutionProblemDecision, AfterDecisionSteps.PostDecisionEvaluation,
    ];
    // Not listed: execution-suspended (version 7). The module reads it only where the definition states suspension as
    // an event (Execution.SuspensionIsEvent); elsewhere suspension is the module's record, so no gate depends on it.

    /// <summary>The decision record and the archive checklist read the steps before the decision.</summary>
    public override IReadOnlyList<string> ReadsSteps => [MeetingSteps.CollectiveDecision, "expert-argumentation", "risk-assessment", "public-participation"];

    public override IReadOnlyList<(string Step, string Outcome)> ReadsOutcomes =>
        [(AfterDecisionSteps.Execution, ExecutionOutcomes.Executed), (AfterDecisionSteps.Execution, ExecutionOutcomes.ProblemReported)];

    public override IReadOnlyList<Type> Guards => [typeof(AfterDecisionGuard)];

    public override IReadOnlyList<Type> ComplianceChecks => [typeof(DecisionComplianceCheck)];

    public override IReadOnlyList<string> Endpoints => ["/api/matters/{id}/… (party report, publication, filing, archiving)", "/api/matters/{id}/execution…", "/api/matters/{id}/evaluation…", "/api/public/matters/{id}/objections"];

    public override IReadOnlyList<(string Step, string Page)> StepPages =>
    [
        (AfterDecisionSteps.PartyCommitteeReport, "/AfterDecision/PartyReport"), (AfterDecisionSteps.Publication, "/AfterDecision/Publication"),
        (AfterDecisionSteps.Filing, "/AfterDecision/Filing"), (AfterDecisionSteps.Archiving, "/AfterDecision/Archiving"),
        (AfterDecisionSteps.Execution, "/AfterDecision/Execution"), (AfterDecisionSteps.PostDecisionEvaluation, "/AfterDecision/Evaluation"),
    ];

    public override IReadOnlyList<string> Pages => ["/AfterDecision/Adjustment", "/Public/Decisions", "/Public/Decision", "/PublicForms/Objection"];

    public override IReadOnlyList<string> Tables =>
        ["PartyCommitteeReports", "DecisionPublications", "FilingRecords", "ArchiveRecords", "ExecutionEvents", "PublicObjections", "MatterLinks", "DecisionEvaluations", "EvaluationInputs"];

    public override void AddServices(IServiceCollection services, IConfiguration configuration) => services.AddAfterDecision();

    public override void MapEndpoints(IEndpointRouteBuilder api) => api.MapAfterDecision();
}
