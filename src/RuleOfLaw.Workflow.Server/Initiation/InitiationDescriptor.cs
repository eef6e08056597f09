using RuleOfLaw.Workflow.Server.Modules;

namespace RuleOfLaw.Workflow.Server.Initiation;

/// <summary>Initiation of a decision matter (第九条至第十三条).</summary>
public sealed class InitiationDescriptor : ModuleDescriptor
{
    public override string Name => "initiation";

    public override IReadOnlyList<string> Steps => [InitiationModule.Step];

    public override IReadOnlyList<Type> Guards => [typeof(InitiationGuard)];

    public override IReadOnlyList<Type> ComplianceChecks => [typeof(InitiationCompliance)];

    public override IReadOnlyList<string> Endpoints => ["POST /api/matters (creating the matter)", "/api/matters/{id}/initiation", "/api/matters/{id}/attributes"];

    public override IReadOnlyList<(string Step, string Page)> StepPages => [(InitiationModule.Step, "/Initiation/Task")];

    public override IReadOnlyList<string> Tables => ["MatterInitiations"];

    public override void AddServices(IServiceCollection services, IConfiguration configuration) => services.AddInitiation();

    public override void MapEndpoints(IEndpointRouteBuilder api) => api.MapInitiation();
}
