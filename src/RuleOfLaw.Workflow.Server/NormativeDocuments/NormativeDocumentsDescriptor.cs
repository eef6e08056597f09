using RuleOfLaw.Workflow.NormativeDocuments;
using RuleOfLaw.Workflow.Server.Mail;
using RuleOfLaw.Workflow.Server.Modules;

namespace RuleOfLaw.Workflow.Server.NormativeDocuments;

/// <summary>
/// Normative documents (行政规范性文件, issue 14): the second procedure, <c>workflows/normative-document.json</c>, declared in
/// one place. Its steps are checked against that definition at start-up; three of them are the participation and
/// meetings modules' steps under the same ids (<see cref="NormativeSteps"/>), which those modules run on a normative
/// document as on a major decision. The issuing-entity list, registration numbers, filings, review suggestions,
/// clean-ups and the portal are the module's own services and tables.
/// </summary>
public sealed class NormativeDocumentsDescriptor : ModuleDescriptor
{
    public override string Name => "normative-documents";

    public override string DefinitionId => NormativeSteps.Definition;

    public override IReadOnlyList<string> Steps => NormativeSteps.All;

    public override IReadOnlyList<Type> ComplianceChecks => [typeof(NormativeCompliance)];

    /// <summary>The expiry reminder six months before the lapse day, and the lapse itself (durable domain timers).</summary>
    public override IReadOnlyList<Type> Timers => [typeof(ExpiryReminderTimer), typeof(LapseTimer)];

    public override IReadOnlyList<string> Endpoints =>
        ["/api/normative-issuers", "/api/normative-documents", "/api/normative-cleanups", "/api/normative-filings", "/api/normative-review-suggestions",
         "/api/normative-figures", "/api/public/normative-issuers", "/api/public/normative-documents", "/api/public/review-suggestions", "/api/public/normative-cleanups"];

    public override IReadOnlyList<string> Pages => ["/Public/NormativeDocuments", "/Public/NormativeDocument", "/Public/NormativeCleanups", "/Public/NormativeIssuers", "/Normative/Figures"];

    public override IReadOnlyList<string> Tables =>
        ["NormativeIssuers", "NormativeDocuments", "NormativeNumberCounters", "NormativeDocumentEvents", "NormativeFilings", "NormativeReviewSuggestions",
         "NormativeCleanups", "NormativeCleanupItems"];

    public override IReadOnlyList<string> MailTemplates => [MailKinds.NormativeExpiry];

    public override void AddServices(IServiceCollection services, IConfiguration configuration) => services.AddNormativeDocuments();

    public override void MapEndpoints(IEndpointRouteBuilder api) => api.MapNormativeDocuments();
}
