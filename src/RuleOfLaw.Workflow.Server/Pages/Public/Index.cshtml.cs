using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RuleOfLaw.Workflow.Server.Pages.Public;

/// <summary>The portal's landing page: open to all, output-cached (see <see cref="Web.WebRegistration"/>).</summary>
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
