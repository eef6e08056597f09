using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RuleOfLaw.Workflow.Engine.Execution;
using RuleOfLaw.Workflow.Server.Problems;

namespace RuleOfLaw.Workflow.Server.Web;

/// <summary>
/// A refused form answers with the API's status (issue 17): the page is shown again with the error next to its field,
/// but with 409, 422, 413, 403 or 400 instead of 200, so that scripts and assistive technology can tell a refusal
/// from a success without reading the page (the public forms did it first, <c>PublicForms/Comment</c>).
/// </summary>
public static class RefusedPage
{
    /// <summary>The page again, answered with <paramref name="status"/> (the status the API sends for the same refusal).</summary>
    public static PageResult Refused(this PageModel page, int status)
    {
        var result = page.Page();
        result.StatusCode = status >= 400 ? status : StatusCodes.Status422UnprocessableEntity;
        return result;
    }

    /// <summary>The status of a list of refusals as the API answers it: the first refusal decides (<see cref="ApiProblem.StatusOf"/>).</summary>
    public static int StatusOf(IReadOnlyList<Refusal> refusals) =>
        refusals.Count > 0 ? ApiProblem.StatusOf(refusals[0]) : StatusCodes.Status422UnprocessableEntity;
}

/// <summary>
/// The fallback for forms a page checks itself before calling a service (a date it cannot read, an outcome not
/// chosen): a post answered with the page while its model state holds errors, and no status set by the page, is the
/// API's 400 (validation-failed). Pages that know the refusal's status set it (<see cref="RefusedPage.Refused"/>).
/// </summary>
public sealed class RefusedFormStatusFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (!HttpMethods.IsGet(context.HttpContext.Request.Method) && !HttpMethods.IsHead(context.HttpContext.Request.Method)
            && executed.Result is PageResult { StatusCode: null } page && !executed.ModelState.IsValid)
        {
            page.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}
