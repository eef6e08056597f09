using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using RuleOfLaw.Workflow.Engine.Execution;

namespace RuleOfLaw.Workflow.Server.Input;

/// <summary>
/// The input rules for the API's endpoints (<see cref="InputInspector"/> over every argument bound from the request:
/// the JSON body, query and route values, headers, form fields and files), before the handler runs, so a refused value
/// never reaches a service or the database. Services, the request itself and the cancellation token are not inspected.
/// </summary>
public static class InputEndpointFilter
{
    public static TBuilder AddInputRules<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var isService = factory.ApplicationServices.GetService<IServiceProviderIsService>();
            var inspected = factory.MethodInfo.GetParameters()
                .Select((parameter, index) => (parameter, index))
                .Where(p => IsFromRequest(p.parameter, isService))
                .Select(p => (p.index, Path: IsBody(p.parameter) ? "" : NameOf(p.parameter)))
                .ToArray();
            if (inspected.Length == 0)
            {
                return next;
            }
            return async context =>
            {
                foreach (var (index, path) in inspected)
                {
                    if (index < context.Arguments.Count && InputInspector.Find(path, context.Arguments[index]) is { } refusal)
                    {
                        return InputProblem.Result(refusal);
                    }
                }
                return await next(context);
            };
        });

    private static bool IsFromRequest(ParameterInfo parameter, IServiceProviderIsService? isService)
    {
        var type = parameter.ParameterType;
        if (parameter.GetCustomAttribute<FromServicesAttribute>() is not null || parameter.GetCustomAttribute<FromKeyedServicesAttribute>() is not null
            || type == typeof(CancellationToken) || type == typeof(HttpContext) || type == typeof(HttpRequest) || type == typeof(HttpResponse)
            || type == typeof(System.Security.Claims.ClaimsPrincipal) || typeof(Stream).IsAssignableFrom(type))
        {
            return false;
        }
        return (isService is null || !isService.IsService(type)) && InputInspector.Inspects(type);
    }

    /// <summary>A complex parameter without a binding attribute is the JSON body: its fields are named from the body's root.</summary>
    private static bool IsBody(ParameterInfo parameter) =>
        parameter.GetCustomAttribute<FromBodyAttribute>() is not null
        || (parameter.ParameterType != typeof(string) && !parameter.ParameterType.IsValueType
            && parameter.GetCustomAttributes().All(a => a is not (FromQueryAttribute or FromRouteAttribute or FromHeaderAttribute or FromFormAttribute or AsParametersAttribute)));

    private static string NameOf(ParameterInfo parameter) =>
        parameter.GetCustomAttribute<FromQueryAttribute>()?.Name ?? parameter.GetCustomAttribute<FromRouteAttribute>()?.Name
        ?? parameter.GetCustomAttribute<FromHeaderAttribute>()?.Name ?? parameter.GetCustomAttribute<FromFormAttribute>()?.Name ?? parameter.Name ?? "";
}
