using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Input;

namespace RuleOfLaw.Workflow.Server.Input;

/// <summary>
/// The input rules for the web pages' form posts: every form field and file name, and the values bound to the page
/// (its <c>[BindProperty]</c> properties and the handler's arguments: dates within the window), before the handler
/// runs, the same rules and the same 400 as the API (<see cref="InputProblem"/>).
/// </summary>
public sealed class InputPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (await FindAsync(context) is { } refusal)
        {
            await InputProblem.Result(refusal).ExecuteAsync(context.HttpContext);
            context.Result = new EmptyResult();
            return;
        }
        await next();
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
