using RuleOfLaw.Workflow.Server.Modules;

namespace RuleOfLaw.Workflow.Server.FairCompetition;

/// <summary>Fair-competition review (公平竞争审查, 第二十九条第一项).</summary>
public sealed class FairCompetitionDescriptor : ModuleDescriptor
{
    public override string Name => "fair-competition";

    public override IReadOnlyList<string> Steps => [FairCompetitionModule.Step];

    public override IReadOnlyList<string> ReadsSteps => ["legality-submission", "collective-decision"];

    public override IReadOnlyList<Type> Guards => [typeof(FairCompetitionGuard)];

    public override IReadOnlyList<Type> ComplianceChecks => [typeof(FairCompetitionCompliance)];

    public override IReadOnlyList<string> Endpoints => ["/api/matters/{id}/fair-competition"];

    public override IReadOnlyList<(string Step, string Page)> StepPages => [(FairCompetitionModule.Step, "/Assessments/FairCompetition")];

    public override IReadOnlyList<string> Tables => ["FairCompetitionReviews"];

    public override void AddServices(IServiceCollection services, IConfiguration configuration) => services.AddFairCompetition();

    public override void MapEndpoints(IEndpointRouteBuilder api) => api.MapFairCompetition();
}
