namespace RuleOfLaw.Workflow.Server.LegalityReview;

public static class LegalityRegistration
{
    /// <summary>The legality review's services (第二十五条至第二十八条); its guards, compliance lines and step pages are <see cref="LegalityReviewDescriptor"/>'s.</summary>
    public static IServiceCollection AddLegalityReview(this IServiceCollection services)
    {
        services.AddScoped<LegalityService>();
        services.AddScoped<LegalityQueueQuery>();
        return services;
    }
}
