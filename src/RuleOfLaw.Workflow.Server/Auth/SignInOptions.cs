using System.ComponentModel.DataAnnotations;

namespace RuleOfLaw.Workflow.Server.Auth;

/// <summary>
/// <c>SignIn:*</c>: how password guessing is slowed without letting anyone lock an account (issue 16 item 5;
/// docs/security.md, "Sign-in"). Failed sign-ins never lock an account: they delay further attempts for that account
/// from that address, and an address that fails too often is throttled for every account.
/// </summary>
public sealed class SignInOptions
{
    public const string Section = "SignIn";

    /// <summary>Failed attempts for one account from one address before delays begin. Default 3.</summary>
    [Range(1, 100)]
    public int FreeAttempts { get; set; } = 3;

    /// <summary>The first delay; each further failure doubles it. Default 2 seconds.</summary>
    [Range(1, 3600)]
    public int BaseDelaySeconds { get; set; } = 2;

    /// <summary>The longest delay for one account from one address. Default 300 seconds (5 minutes).</summary>
    [Range(1, 86400)]
    public int MaxDelaySeconds { get; set; } = 300;

    /// <summary>Failed attempts (any accounts, unknown names included) from one address within the window before it is throttled. Default 30.</summary>
    [Range(1, 100000)]
    public int AddressFailureLimit { get; set; } = 30;

    /// <summary>The window of <see cref="AddressFailureLimit"/>. Default 15 minutes.</summary>
    [Range(1, 1440)]
    public int AddressWindowMinutes { get; set; } = 15;

    /// <summary>
    /// Failed attempts on one account (from any address, since its last successful sign-in) after which the user is
    /// mailed, and the operators too if the account administers; again at each doubling (10, 20, 40 …). Default 5.
    /// </summary>
    [Range(1, 1000)]
    public int NotifyAfter { get; set; } = 5;
}
