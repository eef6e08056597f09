using RuleOfLaw.Workflow.Server.Modules;

namespace RuleOfLaw.Workflow.Server.Experts;

/// <summary>Expert argumentation (第十九条至第二十一条).</summary>
public sealed class ExpertsDescriptor : ModuleDescriptor
{
    public override string Name => "experts";

    public override IReadOnlyList<string> Steps => [ExpertArgumentationGuard.Step];

    public override IReadOnlyList<string> ReadsSteps => ["collective-decision"];

    public override IReadOnlyList<Type> Guards => [typeof(ExpertArgumentationGuard)];

    public override IReadOnlyList<Type> ComplianceChecks => [typeof(ExpertCompliance)];

    public override IReadOnlyList<string> Endpoints => ["/api/experts", "/api/matters/{id}/experts"];

    public override IReadOnlyList<string> Pages => ["/Experts/Task (expert-argumentation)", "/Experts/Pool", "/Experts/Panel"];

    public override IReadOnlyList<string> Tables => ["Experts", "ExpertPanelMembers", "ExpertOpinions", "ExpertOpinionAdoptions"];
}
