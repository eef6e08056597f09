using Microsoft.AspNetCore.Mvc;

namespace RuleOfLaw.Workflow.Server.Input;

/// <summary>
/// The input rules (<see cref="RuleOfLaw.Workflow.Input.InputRules"/>, docs/security.md "Input rules") in one place:
/// the middleware for paths, query strings and route values, the page filter for form posts, and
/// <see cref="InputEndpointFilter.AddInputRules{TBuilder}"/> for the API's bound arguments.
/// </summary>
public static class InputRegistration
{
    public static IServiceCollection AddInputRules(this IServiceCollection services) =>
        services.Configure<MvcOptions>(o => o.Filters.Add(new InputPageFilter()));
}
