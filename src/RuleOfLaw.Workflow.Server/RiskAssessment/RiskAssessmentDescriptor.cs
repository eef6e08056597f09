using RuleOfLaw.Workflow.RiskAssessment;
using RuleOfLaw.Workflow.Server.Modules;

namespace RuleOfLaw.Workflow.Server.RiskAssessment;

/// <summary>Risk assessment (第二十二条至第二十四条).</summary>
public sealed class RiskAssessmentDescriptor : ModuleDescriptor
{
    public override string Name => "risk-assessment";

    public override IReadOnlyList<string> Steps => [RiskAssessmentEndpoints.Step, "risk-draft-revision", "risk-cleared"];

    public override IReadOnlyList<string> ReadsSteps => ["legality-submission", "collective-decision"];

    public override IReadOnlyList<(string Step, string Outcome)> ReadsOutcomes =>
        [(RiskRules.Step, RiskRules.Controllable), (RiskRules.Step, RiskRules.NotControllable), (RiskRules.Step, RiskRules.AlreadyAssessed)];

    public override IReadOnlyList<Type> Guards => [typeof(RiskAssessmentGuard)];

    public override IReadOnlyList<Type> ComplianceChecks => [typeof(RiskAssessmentCompliance)];

    public override IReadOnlyList<string> Endpoints => ["/api/matters/{id}/risk-assessment"];

    public override IReadOnlyList<(string Step, string Page)> StepPages => [(RiskAssessmentEndpoints.Step, "/Assessments/Risk")];

    public override IReadOnlyList<string> Tables => ["RiskAssessmentReports"];

    public override void AddServices(IServiceCollection services, IConfiguration configuration) => services.AddRiskAssessment();

    public override void MapEndpoints(IEndpointRouteBuilder api) => api.MapRiskAssessment();
}
