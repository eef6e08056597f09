using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.Public;

/// <summary>The portal's landing page: open to all, output-cached (see <see cref="Web.WebRegistration"/>).</summary>
// Browsers and proxies may keep it as long as the output cache does (per language cookie).
[ResponseCache(Duration = WebRegistration.PublicCacheSeconds, Location = ResponseCacheLocation.Any, VaryByHeader = "Cookie")]
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
