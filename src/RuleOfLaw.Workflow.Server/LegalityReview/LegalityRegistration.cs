using RuleOfLaw.Workflow.Server.Procedure;

namespace RuleOfLaw.Workflow.Server.LegalityReview;

public static class LegalityRegistration
{
    /// <summary>The legality review's guards and compliance lines (第二十五条至第二十八条).</summary>
    public static IServiceCollection AddLegalityReview(this IServiceCollection services)
    {
        services.AddScoped<IStepCompletionGuard, LegalityGuards>();
        services.AddScoped<IComplianceCheck, LegalityCompliance>();
        return services;
    }
}
