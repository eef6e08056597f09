using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.Server.Auth;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.Account;

/// <summary>Password sign-in through the same <see cref="PasswordSignIn"/> as <c>POST /api/auth/login</c>: the same delays, throttle and single answer.</summary>
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
            return Page();
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
            var throttled = Page();
            throttled.StatusCode = StatusCodes.Status429TooManyRequests;
            return throttled;
        }
        Error = t["用户名或密码不正确，或该账户暂时不能登录。"].Value;
        return Page();
    }
}
