using RuleOfLaw.Workflow.LegalityReview;
using RuleOfLaw.Workflow.Server.Modules;

namespace RuleOfLaw.Workflow.Server.LegalityReview;

/// <summary>Legality review (第二十五条至第二十八条).</summary>
public sealed class LegalityReviewDescriptor : ModuleDescriptor
{
    public override string Name => "legality-review";

    public override IReadOnlyList<string> Steps => [LegalityGuards.Submission, LegalityGuards.Intake, LegalityGuards.CounselStep, LegalityGuards.Review];

    public override IReadOnlyList<string> ReadsSteps => ["collective-decision"];

    public override IReadOnlyList<(string Step, string Outcome)> ReadsOutcomes =>
    [
        (LegalityGuards.Submission, LegalityOutcomes.Submitted), (LegalityGuards.Intake, LegalityOutcomes.Returned),
        (LegalityGuards.Review, LegalityOutcomes.Lawful), (LegalityGuards.Review, LegalityOutcomes.NeedsRevision),
        (LegalityGuards.Review, LegalityOutcomes.Unlawful), (LegalityGuards.Review, LegalityOutcomes.ExploratoryReform),
    ];

    public override IReadOnlyList<Type> Guards => [typeof(LegalityGuards)];

    public override IReadOnlyList<Type> ComplianceChecks => [typeof(LegalityCompliance)];

    public override IReadOnlyList<string> Endpoints => ["/api/matters/{id}/legality", "/api/legality/queue"];

    public override IReadOnlyList<(string Step, string Page)> StepPages =>
    [
        (LegalityGuards.Submission, "/LegalityReview/Submission"), (LegalityGuards.Intake, "/LegalityReview/Intake"),
        (LegalityGuards.CounselStep, "/LegalityReview/Counsel"), (LegalityGuards.Review, "/LegalityReview/Review"),
    ];

    public override IReadOnlyList<string> Pages => ["/LegalityReview/Queue"];

    public override IReadOnlyList<string> Tables => ["CounselOpinions", "LegalityFindings"];

    public override void AddServices(IServiceCollection services, IConfiguration configuration) => services.AddLegalityReview();

    public override void MapEndpoints(IEndpointRouteBuilder api) => api.MapLegalityReview();
}
