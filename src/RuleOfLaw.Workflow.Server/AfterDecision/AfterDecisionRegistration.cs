using RuleOfLaw.Workflow.AfterDecision;
using RuleOfLaw.Workflow.Server.Meetings;
using RuleOfLaw.Workflow.Server.Procedure;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.AfterDecision;

/// <summary>
/// The decision and what follows it: the meetings module (which records the decision) and this module's guards,
/// compliance lines, pages and endpoints. The dependency runs one way — after-decision reads the meeting record;
/// meetings knows nothing of what follows (docs/architecture.md, module picture).
/// </summary>
public static class AfterDecisionRegistration
{
    public static IServiceCollection AddDecisions(this IServiceCollection services)
    {
        services.AddMeetings();
        services.AddScoped<AfterDecisionService>();
        services.AddScoped<ExecutionService>();
        services.AddScoped<EvaluationService>();
        services.AddScoped<IStepCompletionGuard, AfterDecisionGuard>();
        services.AddScoped<IComplianceCheck, DecisionComplianceCheck>();
        services.AddStepPage(AfterDecisionSteps.PartyCommitteeReport, "/AfterDecision/PartyReport");
        services.AddStepPage(AfterDecisionSteps.Publication, "/AfterDecision/Publication");
        services.AddAfterDecisionWeb();
        return services;
    }

    public static void MapDecisionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMeetingEndpoints();
        app.MapAfterDecisionEndpoints();
        app.MapExecutionEndpoints();
        app.MapEvaluationEndpoints();
    }
}
