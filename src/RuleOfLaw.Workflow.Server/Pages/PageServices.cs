using RuleOfLaw.Workflow.Server.Pages.Experts;
using RuleOfLaw.Workflow.Server.Pages.LegalityReview;

namespace RuleOfLaw.Workflow.Server.Pages;

/// <summary>
/// Services only pages use: readers that shape a module's answers for a page. The pages register them, not the
/// modules, so that no module depends on the pages above it (issue 12 item 4, docs/architecture.md).
/// </summary>
public static class PageServices
{
    public static IServiceCollection AddPageServices(this IServiceCollection services)
    {
        services.AddScoped<ExpertPanelReader>();
        services.AddScoped<LegalityPageServices>();
        return services;
    }
}
