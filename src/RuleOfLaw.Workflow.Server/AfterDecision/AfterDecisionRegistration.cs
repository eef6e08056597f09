using RuleOfLaw.Workflow.AfterDecision;

namespace RuleOfLaw.Workflow.Server.AfterDecision;

/// <summary>
/// What follows the decision: this module's services and endpoints (its guards, compliance lines and step pages are
/// <see cref="AfterDecisionDescriptor"/>'s). The dependency on meetings runs one way — after-decision reads the
/// meeting record; meetings knows nothing of what follows (docs/architecture.md, module picture).
/// </summary>
public static class AfterDecisionRegistration
{
    public static IServiceCollection AddAfterDecision(this IServiceCollection services)
    {
        services.AddScoped<AfterDecisionService>();
        services.AddScoped<ExecutionService>();
        services.AddScoped<EvaluationService>();
        services.AddAfterDecisionWeb();
        return services;
    }

    public static void MapAfterDecision(this IEndpointRouteBuilder app)
    {
        app.MapAfterDecisionEndpoints();
        app.MapExecutionEndpoints();
        app.MapEvaluationEndpoints();
    }
}
