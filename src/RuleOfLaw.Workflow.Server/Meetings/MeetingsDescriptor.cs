using RuleOfLaw.Workflow.AfterDecision;
using RuleOfLaw.Workflow.Meetings;
using RuleOfLaw.Workflow.Server.Modules;

namespace RuleOfLaw.Workflow.Server.Meetings;

/// <summary>Meetings of the decision organ: the agenda and the collective decision (第二十五条、第二十九条、第三十条).</summary>
public sealed class MeetingsDescriptor : ModuleDescriptor
{
    public override string Name => "meetings";

    public override IReadOnlyList<string> Steps => [MeetingSteps.Scheduling, MeetingSteps.CollectiveDecision];

    /// <summary>The materials a meeting receives are the reports of these steps (第二十九条).</summary>
    public override IReadOnlyList<string> ReadsSteps =>
    [
        "public-participation", "specific-group-consultation", "expert-argumentation", "risk-assessment", "fair-competition-review",
        "opinion-consolidation", "legal-counsel-opinion", "legality-review", AfterDecisionSteps.PartyCommitteeReport, AfterDecisionSteps.Publication,
    ];

    /// <summary>
    /// The agenda completes scheduling; the meeting record reads the head's decision (第三十条). The members' positions
    /// are the module's own vocabulary (<see cref="Positions"/>): before version 5 they were module records, not party outcomes.
    /// </summary>
    public override IReadOnlyList<(string Step, string Outcome)> ReadsOutcomes =>
    [
        (MeetingSteps.Scheduling, SchedulingOutcomes.Scheduled),
        .. HeadOutcomes.All.Select(o => (MeetingSteps.CollectiveDecision, o)),
    ];

    public override IReadOnlyList<string> Endpoints => ["/api/meetings"];

    public override IReadOnlyList<(string Step, string Page)> StepPages =>
        [(MeetingSteps.Scheduling, "/Meetings/Task"), (MeetingSteps.CollectiveDecision, "/Meetings/Task")];

    public override IReadOnlyList<string> Pages => ["/Meetings/Index", "/Meetings/Meeting", "/Meetings/Minutes"];

    public override IReadOnlyList<string> Tables => ["Meetings", "AgendaItems", "MeetingStatements"];

    public override void AddServices(IServiceCollection services, IConfiguration configuration) => services.AddMeetings();

    public override void MapEndpoints(IEndpointRouteBuilder api) => api.MapMeetingEndpoints();
}
