using RuleOfLaw.Workflow.Input;

namespace RuleOfLaw.Workflow.Server.Input;

/// <summary>
/// The input rules for what every request carries outside its body, API and pages alike: the path, the query string
/// (names and values) and the route values. Runs after routing (so route values are known) and before anything reads them.
/// </summary>
public static class InputMiddleware
{
    public static IApplicationBuilder UseInputRules(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        var refusal = InputRules.CheckText("path", request.Path.Value);
        foreach (var (key, values) in request.Query)
        {
            refusal ??= InputRules.CheckText("query", key) ?? InputInspector.Values(key, values);
        }
        foreach (var (key, value) in request.RouteValues)
        {
            refusal ??= value is string text ? InputRules.CheckText(key, text) : null;
        }
        if (refusal is not null)
        {
            await InputProblem.Result(refusal).ExecuteAsync(context);
            return;
        }
        await next(context);
    });
}
