using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Input;

namespace RuleOfLaw.Workflow.Server.Input;

/// <summary>
/// The input rules for the web pages' form posts: every form field and file name, and the values bound to the page
/// (its <c>[BindProperty]</c> properties and the handler's arguments: dates within the window), before the handler
/// runs, the same rules as the API. A refused post never reaches its handler (nothing is written) and is answered
/// 400 with the page again, the refusal next to its field (a person reads a page, not a problem document): the page's
/// GET handler loads what the page shows, or the page says how (<see cref="IInputRefusedPage"/>). Only a page that can
/// do neither gets the API's problem (<see cref="InputProblem"/>).
/// </summary>
public sealed class InputPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (await FindAsync(context) is { } refusal)
        {
            if (await PageAgainAsync(context, refusal) is { } page)
            {
                context.Result = page;
                return;
            }
            await InputProblem.Result(refusal).ExecuteAsync(context.HttpContext);
            context.Result = new EmptyResult();
            return;
        }
        await next();
    }

    /// <summary>The page again with the refusal next to its field, status 400; null when the page cannot be shown again.</summary>
    private static async Task<IActionResult?> PageAgainAsync(PageHandlerExecutingContext context, Refusal refusal)
    {
        if (context.HandlerInstance is not PageModel model)
        {
            return null;
        }
        var field = refusal.Arguments?.GetValueOrDefault("field") as string ?? "";
        // The field is a form field's name: a bound property's (an unbound one of the same name shows nothing).
        var bindsAll = model.GetType().GetCustomAttribute<BindPropertiesAttribute>() is not null;
        var property = model.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .FirstOrDefault(p => string.Equals(p.Name, field, StringComparison.OrdinalIgnoreCase)
                && (bindsAll || p.GetCustomAttribute<BindPropertyAttribute>() is not null));
        // The binder's own complaints about the same post (e.g. "Failed to read the request form" for a percent-encoded
        // NUL, whose field the framework's decoder does not name) say nothing more: only the rule's text is shown.
        model.ModelState.Clear();
        var text = Problems.ReaderLanguage.Text(refusal);
        model.ModelState.AddModelError(property?.Name ?? "", refusal.Article is null || text.Contains(refusal.Article, StringComparison.Ordinal) ? text : $"{text}（{refusal.Article}）");
        var ct = context.HttpContext.RequestAborted;
        IActionResult? shown;
        try
        {
            if (model is IInputRefusedPage custom)
            {
                shown = Guid.TryParse(context.RouteData.Values["id"]?.ToString(), out var id) ? await custom.ShowRefusedInputAsync(id, ct) : null;
            }
            else if (context.ActionDescriptor.HandlerMethods.FirstOrDefault(h => string.Equals(h.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase) && h.Name is null) is { } get)
            {
                shown = await InvokeAsync(get.MethodInfo, model, context) ?? model.Page();
            }
            else
            {
                return null;
            }
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or FormatException)
        {
            return null; // a GET handler that cannot be called with this request's values: the problem document
        }
        if (shown is PageResult page)
        {
            page.StatusCode = StatusCodes.Status400BadRequest;
            return page;
        }
        // Not found, forbidden, a redirect away: answered as the GET would be, never the refused post's handler.
        return shown;
    }

    /// <summary>Calls the page's GET handler with the route's values (by name) and the request's cancellation token.</summary>
    private static async Task<IActionResult?> InvokeAsync(MethodInfo method, object model, PageHandlerExecutingContext context)
    {
        var arguments = method.GetParameters().Select(p =>
        {
            if (p.ParameterType == typeof(CancellationToken))
            {
                return context.HttpContext.RequestAborted;
            }
            if (p.Name is { } name && context.HandlerArguments.TryGetValue(name, out var bound) && bound is not null && p.ParameterType.IsInstanceOfType(bound))
            {
                return bound;
            }
            if (p.Name is { } key && context.RouteData.Values.TryGetValue(key, out var route) && route is not null)
            {
                var type = Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType;
                return type == typeof(Guid) ? Guid.Parse(route.ToString()!) : Convert.ChangeType(route, type, System.Globalization.CultureInfo.InvariantCulture);
            }
            return p.HasDefaultValue ? p.DefaultValue : p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType) : null;
        }).ToArray();
        var returned = method.Invoke(model, arguments);
        switch (returned)
        {
            case Task<IActionResult> action:
                return await action;
            case Task task:
                await task;
                return null;
            default:
                return returned as IActionResult;
        }
    }

    private static async Task<Refusal?> FindAsync(PageHandlerExecutingContext context)
    {
        var request = context.HttpContext.Request;
        if (request.HasFormContentType)
        {
            Microsoft.AspNetCore.Http.IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(context.HttpContext.RequestAborted);
            }
            catch (InvalidDataException e) when (e.InnerException is InvalidOperationException)
            {
                // ASP.NET Core's form decoder itself refuses a percent-encoded NUL ("The form value contains invalid
                // characters"); unhandled, that was a 500.
                return InputRules.CheckText("form", "\0");
            }
            if (InputInspector.FindInForm(form) is { } inForm)
            {
                return inForm;
            }
        }
        foreach (var (name, value) in context.HandlerArguments)
        {
            if (InputInspector.Find(name, value) is { } refusal)
            {
                return refusal;
            }
        }
        var model = context.HandlerInstance;
        var bindsAll = model.GetType().GetCustomAttribute<BindPropertiesAttribute>() is not null;
        foreach (var property in model.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if ((bindsAll || property.GetCustomAttribute<BindPropertyAttribute>() is not null) && property.GetIndexParameters().Length == 0
                && InputInspector.Inspects(property.PropertyType) && InputInspector.Find(property.Name, property.GetValue(model)) is { } refusal)
            {
                return refusal;
            }
        }
        return null;
    }
}
