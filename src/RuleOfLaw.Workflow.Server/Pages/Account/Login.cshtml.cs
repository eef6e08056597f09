using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.Account;

/// <summary>
/// Password sign-in through the same <see cref="PasswordSignIn"/> as <c>POST /api/auth/login</c>: the same delays,
/// throttle and single answer, and the same statuses (issue 17): a refused sign-in shows the page again with the error
/// but answers 401 (wrong credentials), 429 (throttled) or 400 (a field missing or too long), never 200, so that
/// scripts and assistive technology can tell it from a success (<see cref="RefusedPage"/>).
/// </summary>
public sealed class LoginModel(PasswordSignIn signIn, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public string? UserNameError { get; private set; }
    public string? PasswordError { get; private set; }
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        UserNameError = string.IsNullOrWhiteSpace(UserName) ? t["请输入用户名。"].Value : UserName.Length > 256 ? t["用户名过长。"].Value : null;
        PasswordError = string.IsNullOrEmpty(Password) ? t["请输入密码。"].Value : Password.Length > 256 ? t["密码过长。"].Value : null;
        if (UserNameError is not null || PasswordError is not null)
        {
            // The API's validation-failed status for a field it cannot take.
            return this.Refused(StatusCodes.Status400BadRequest);
        }
        var outcome = await signIn.SignInAsync(UserName!, Password!, HttpContext, HttpContext.RequestAborted);
        if (outcome.Succeeded)
        {
            return LocalRedirect(WebRegistration.IsLocal(ReturnUrl) ? ReturnUrl! : "/");
        }
        if (outcome.RetryAfter is { } wait)
        {
            Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Error = t["来自您的地址的登录失败次数过多，请稍后再试。"].Value;
            return this.Refused(StatusCodes.Status429TooManyRequests);
        }
        // One answer, as the API's invalid-credentials: 401 whatever the reason (PasswordSignIn).
        Error = t["用户名或密码不正确，或该账户暂时不能登录。"].Value;
        return this.Refused(StatusCodes.Status401Unauthorized);
    }
}
