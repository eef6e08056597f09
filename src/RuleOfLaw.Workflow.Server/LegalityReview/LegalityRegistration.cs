using RuleOfLaw.Workflow.Server.Pages.LegalityReview;
using RuleOfLaw.Workflow.Server.Procedure;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.LegalityReview;

public static class LegalityRegistration
{
    /// <summary>The legality review's guards, compliance lines (第二十五条至第二十八条) and step pages.</summary>
    public static IServiceCollection AddLegalityReview(this IServiceCollection services)
    {
        services.AddScoped<LegalityService>();
        services.AddScoped<IStepCompletionGuard, LegalityGuards>();
        services.AddScoped<IComplianceCheck, LegalityCompliance>();
        services.AddScoped<LegalityPageServices>();
        services.AddStepPage(LegalityGuards.Submission, "/LegalityReview/Submission");
        services.AddStepPage(LegalityGuards.Intake, "/LegalityReview/Intake");
        services.AddStepPage(LegalityGuards.CounselStep, "/LegalityReview/Counsel");
        services.AddStepPage(LegalityGuards.Review, "/LegalityReview/Review");
        return services;
    }
}
