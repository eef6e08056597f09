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

    /// <summary>The expert's step page: the signed opinion and the completion; the panel page is /matters/{id}/experts.</summary>
    public override IReadOnlyList<(string Step, string Page)> StepPages => [(ExpertArgumentationGuard.Step, "/Experts/Task")];

    public override IReadOnlyList<string> Pages => ["/Experts/Pool", "/Experts/Panel"];

    public override IReadOnlyList<string> Tables => ["Experts", "ExpertPanelMembers", "ExpertOpinions", "ExpertOpinionAdoptions"];

    public override void AddServices(IServiceCollection services, IConfiguration configuration) => services.AddExperts();

    public override void MapEndpoints(IEndpointRouteBuilder api) => api.MapExperts();
}
