using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using RuleOfLaw.Workflow.Server.Data.Entities;
using RuleOfLaw.Workflow.Server.Web;

namespace RuleOfLaw.Workflow.Server.Pages.Account;

/// <summary>Password sign-in with the same Identity cookie and lockout rule as <c>POST /api/auth/login</c>.</summary>
public sealed class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, IStringLocalizer<SharedResource> t) : PageModel
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
        var user = await users.FindByNameAsync(UserName!);
        if (user is not null)
        {
            var result = await signIn.PasswordSignInAsync(user, Password!, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                return LocalRedirect(WebRegistration.IsLocal(ReturnUrl) ? ReturnUrl! : "/");
            }
            if (result.IsLockedOut)
            {
                Error = t["连续登录失败次数过多，账户暂时锁定，请稍后再试。"].Value;
                return Page();
            }
        }
        Error = t["用户名或密码不正确。"].Value;
        return Page();
    }
}
