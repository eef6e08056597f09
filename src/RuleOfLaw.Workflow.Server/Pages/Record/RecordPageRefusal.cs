using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RuleOfLaw.Workflow.Engine.Execution;

namespace RuleOfLaw.Workflow.Server.Pages.Record;

/// <summary>A record page's refusal: its text in the reader's language, with the status the API would answer.</summary>
internal static class RecordPageRefusal
{
    public static IActionResult Show(PageModel page, Refusal refusal, Action<string> setText)
    {
        setText(refusal.TextIn(System.Globalization.CultureInfo.CurrentUICulture));
        var result = page.Page();
        result.StatusCode = refusal.Class switch
        {
            RefusalClass.Forbidden => StatusCodes.Status403Forbidden,
            RefusalClass.NotFound => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status422UnprocessableEntity,
        };
        return result;
    }
}
